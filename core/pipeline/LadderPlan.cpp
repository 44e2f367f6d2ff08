#include "core/pipeline/LadderPlan.h"

#include <QHash>
#include <QJsonObject>

#include <cmath>

namespace rendition {

namespace {

int evenRound(double v) { return std::max(2, int(std::lround(v / 2.0)) * 2); }

// Output size for `rung` given the source display size.
void fitRung(const Rung &r, int srcW, int srcH, int *w, int *h)
{
    const double aspect = double(srcW) / double(srcH);
    if (r.width > 0 && r.height > 0) {
        if (!r.keepAspect) {
            *w = r.width;
            *h = r.height;
            return;
        }
        const double scale = std::min(double(r.width) / srcW, double(r.height) / srcH);
        *w = evenRound(srcW * scale);
        *h = evenRound(srcH * scale);
        return;
    }
    if (r.height > 0) {
        *h = r.height;
        *w = evenRound(r.height * aspect);
    } else {
        *w = r.width;
        *h = evenRound(r.width / aspect);
    }
}

} // namespace

QJsonArray LadderPlan::skippedJson() const
{
    QJsonArray a;
    for (const SkippedRung &s : skipped) a.append(QJsonObject{{QStringLiteral("rung"), s.name}, {QStringLiteral("reason"), s.reason}});
    return a;
}

void displaySize(const StreamInfo &v, int *width, int *height)
{
    const bool sarValid = v.sarNum > 0 && v.sarDen > 0;
    *width = sarValid ? int(std::lround(double(v.width) * v.sarNum / v.sarDen)) : v.width;
    *height = v.height;
}

QString expandName(const QString &pattern, const QHash<QString, QString> &tokens)
{
    // One left-to-right pass: a value that itself looks like "{token}" is never re-expanded.
    QString out;
    for (qsizetype i = 0; i < pattern.size();) {
        const qsizetype close = pattern[i] == u'{' ? pattern.indexOf(u'}', i) : -1;
        if (close > i) {
            const QString key = pattern.mid(i + 1, close - i - 1);
            if (auto it = tokens.constFind(key); it != tokens.constEnd()) {
                out += *it;
                i = close + 1;
                continue;
            }
        }
        out += pattern[i++];
    }
    for (QChar &c : out)
        if (c == u'/' || c == u'\\' || c.category() == QChar::Other_Control) c = u'_';
    if (out == u"." || out == u"..") out = QStringLiteral("_");
    return out;
}

LadderPlan planLadder(const Preset &preset, const ProbeResult &probe)
{
    LadderPlan plan;
    const StreamInfo *video = probe.bestVideo();
    if (!video || video->width <= 0 || video->height <= 0) {
        for (const Rung &r : preset.ladder) plan.skipped.append({r.name, QStringLiteral("the source has no video stream")});
        return plan;
    }
    int srcW = 0, srcH = 0;
    displaySize(*video, &srcW, &srcH);
    for (const Rung &r : preset.ladder) {
        int w = 0, h = 0;
        fitRung(r, srcW, srcH, &w, &h);
        if (w > srcW + 1 || h > srcH + 1) {
            plan.skipped.append({r.name, QStringLiteral("%1x%2 would upscale the %3x%4 source").arg(w).arg(h).arg(srcW).arg(srcH)});
            continue;
        }
        plan.rungs.append({r, w, h, {}, {}});
    }
    if (plan.rungs.isEmpty() && !preset.ladder.isEmpty()) {
        // Every rung is larger than the source: keep the smallest (by output area) at the source's own size.
        const Rung *smallest = nullptr;
        qint64 smallestArea = 0;
        for (const Rung &r : preset.ladder) {
            int w = 0, h = 0;
            fitRung(r, srcW, srcH, &w, &h);
            if (!smallest || qint64(w) * h < smallestArea) {
                smallest = &r;
                smallestArea = qint64(w) * h;
            }
        }
        const int w = evenRound(srcW), h = evenRound(srcH);
        plan.rungs.append({*smallest, w, h, {}, QStringLiteral("every rung is larger than the source; kept at the source size")});
        plan.skipped.removeIf([&](const SkippedRung &s) { return s.name == smallest->name; });
    }
    for (PlannedRung &p : plan.rungs) {
        p.dirName = expandName(preset.naming.rendition,
                               {{QStringLiteral("name"), p.rung.name},
                                {QStringLiteral("width"), QString::number(p.width)},
                                {QStringLiteral("height"), QString::number(p.height)},
                                {QStringLiteral("codec"), videoCodecName(p.rung.codec)}});
    }
    return plan;
}

} // namespace rendition
