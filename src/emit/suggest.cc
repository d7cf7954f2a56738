#include "emit/suggest.h"

#include <algorithm>
#include <cctype>

namespace emit {

size_t edit_distance(std::string_view a, std::string_view b) {
    auto lower = [](char c) { return char(std::tolower(static_cast<unsigned char>(c))); };
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::vector<std::string> closest_names(std::string_view name,
                                       const std::vector<std::string>& candidates, size_t max) {
    size_t limit = std::max<size_t>(2, (name.size() + 2) / 3);
    std::vector<std::pair<size_t, std::string>> scored;
    for (const auto& c : candidates) {
        // Cheap length filter before the quadratic distance.
        size_t diff = c.size() > name.size() ? c.size() - name.size() : name.size() - c.size();
        if (diff > limit) continue;
        size_t d = edit_distance(name, c);
        if (d <= limit) scored.emplace_back(d, c);
    }
    std::sort(scored.begin(), scored.end());
    scored.erase(std::unique(scored.begin(), scored.end()), scored.end());
    std::vector<std::string> out;
    for (size_t i = 0; i < scored.size() && out.size() < max; ++i)
        out.push_back(scored[i].second);
    return out;
}

std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates) {
    std::vector<std::string> close = closest_names(name, candidates);
    if (close.empty()) return "";
    std::string text = "; did you mean ";
    for (size_t i = 0; i < close.size(); ++i)
        text += (i == 0 ? "" : i + 1 == close.size() ? " or " : ", ") + close[i];
    return text + "?";
}

} // namespace emit
