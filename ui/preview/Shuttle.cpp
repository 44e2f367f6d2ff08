#include "ui/preview/Shuttle.h"

#include <algorithm>

namespace rendition::ui {

double Shuttle::press(Key key)
{
    switch (key) {
    case Key::K:
        m_rate = 0;
        break;
    case Key::L:
        if (m_rate < -1)
            m_rate /= 2;
        else if (m_rate <= 0)
            m_rate = 1;
        else
            m_rate = std::min(m_rate * 2, kMaxRate);
        break;
    case Key::J:
        if (m_rate > 1)
            m_rate /= 2;
        else if (m_rate >= 0)
            m_rate = -1;
        else
            m_rate = std::max(m_rate * 2, -kMaxRate);
        break;
    case Key::Invalid:
        break;
    }
    return m_rate;
}

} // namespace rendition::ui
