#pragma once
// J/K/L shuttle state, as in editing applications: L plays forward and each further L doubles
// the speed (1×, 2×, 4×, 8×); J does the same in reverse; K stops. J while playing forward
// faster than 1× halves the speed, J at 1× or stopped turns to 1× reverse (and L mirrors
// that). Pure logic, no timers: the preview applies the returned rate to its player.

namespace rendition::ui {

class Shuttle {
public:
    enum class Key { Invalid = 0, J, K, L };
    static constexpr double kMaxRate = 8.0;

    // Applies a key press and returns the new rate (negative = reverse, 0 = stopped).
    double press(Key key);
    double rate() const { return m_rate; }
    void reset() { m_rate = 0; }

private:
    double m_rate = 0;
};

} // namespace rendition::ui
