// "Did you mean" suggestions for mistyped names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace emit {

// Levenshtein distance, ASCII case-insensitive.
size_t edit_distance(std::string_view a, std::string_view b);

// Up to `max` candidates closest to `name`, nearest first (ties in
// alphabetical order), limited to a distance of about a third of the name's
// length (at least 2). Empty when nothing is close.
std::vector<std::string> closest_names(std::string_view name,
                                       const std::vector<std::string>& candidates, size_t max = 3);

// "; did you mean A, B or C?" for the names closest to `name`, "" when none
// is close: appended to an "unknown ..." message.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

} // namespace emit
