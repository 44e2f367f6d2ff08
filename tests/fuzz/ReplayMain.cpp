// A stand-in for libFuzzer's driver, so the fuzz targets build with gcc in the normal build and
// replay inputs in ctest: every file named on the command line, and every file inside a folder
// named on it (not recursive, in name order), goes once through LLVMFuzzerTestOneInput.
// A crash or a broken FUZZ_CHECK aborts the process (the test fails, the input is named on stderr
// just before); a missing argument path fails too. Folders may be empty (no regressions yet).

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstdint>
#include <cstdio>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

bool runFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "replay: cannot read %s: %s\n", qPrintable(path), qPrintable(file.errorString()));
        return false;
    }
    const QByteArray bytes = file.readAll();
    std::fprintf(stderr, "replay: %s (%lld bytes)\n", qPrintable(path), static_cast<long long>(bytes.size()));
    std::fflush(stderr);
    // A heap copy of exactly the input's size, so ASan builds see reads past its end.
    auto *copy = new uint8_t[size_t(bytes.size()) + 1];
    std::memcpy(copy, bytes.constData(), size_t(bytes.size()));
    LLVMFuzzerTestOneInput(copy, size_t(bytes.size()));
    delete[] copy;
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    int inputs = 0;
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        const QFileInfo info(arg);
        if (info.isDir()) {
            const QStringList names = QDir(arg).entryList(QDir::Files | QDir::Hidden, QDir::Name);
            for (const QString &name : names) {
                if (!runFile(QDir(arg).filePath(name))) return 1;
                ++inputs;
            }
        } else if (info.isFile()) {
            if (!runFile(arg)) return 1;
            ++inputs;
        } else {
            std::fprintf(stderr, "replay: %s is neither a file nor a folder\n", argv[i]);
            return 1;
        }
    }
    std::printf("replay: %d inputs, no crash\n", inputs);
    return 0;
}
