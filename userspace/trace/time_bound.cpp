#include "trace/time_bound.h"

#include <cctype>
#include <ctime>
#include <string>

namespace sysray::trace {
namespace {

// "12.345" -> ns given the unit's ns; nullopt unless digits[.digits].
std::optional<uint64_t> parse_decimal(std::string_view s, uint64_t unit_ns) {
  if (s.empty()) return std::nullopt;
  uint64_t whole = 0, frac = 0, frac_scale = 1;
  bool dot = false, any = false;
  for (char c : s) {
    if (c == '.' && !dot) {
      dot = true;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    any = true;
    if (!dot) {
      if (whole > UINT64_MAX / 10 / unit_ns) return std::nullopt;
      whole = whole * 10 + uint64_t(c - '0');
    } else if (frac_scale < 1'000'000'000ull) {
      frac = frac * 10 + uint64_t(c - '0');
      frac_scale *= 10;
    }
  }
  if (!any) return std::nullopt;
  return whole * unit_ns + frac * unit_ns / frac_scale;
}

std::optional<uint64_t> parse_duration(std::string_view s) {
  struct Unit {
    const char* suffix;
    uint64_t ns;
  };
  static const Unit units[] = {{"ns", 1}, {"us", 1000}, {"ms", 1'000'000}, {"s", 1'000'000'000ull},
                               {"m", 60'000'000'000ull}, {"h", 3'600'000'000'000ull}};
  for (const Unit& u : units) {
    std::string_view suffix(u.suffix);
    if (s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix) {
      // "5ms" ends in "s" too: only take "s" when what is left is a number.
      if (auto v = parse_decimal(s.substr(0, s.size() - suffix.size()), u.ns)) return v;
    }
  }
  return parse_decimal(s, 1'000'000'000ull);
}

// "YYYY-MM-DD[ T]HH:MM:SS[.frac][Z]", UTC.
std::optional<uint64_t> parse_date_time(std::string_view s) {
  if (!s.empty() && s.back() == 'Z') s.remove_suffix(1);
  if (s.size() < 19 || (s[10] != ' ' && s[10] != 'T')) return std::nullopt;
  const std::string fixed(s.substr(0, 19));
  std::tm tm{};
  int consumed = 0;
  if (sscanf(fixed.c_str(), "%4d-%2d-%2d%*c%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
             &tm.tm_min, &tm.tm_sec, &consumed) != 6 ||
      consumed != 19)
    return std::nullopt;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  const time_t secs = timegm(&tm);
  if (secs < 0) return std::nullopt;
  uint64_t frac = 0;
  if (s.size() > 19) {
    if (s[19] != '.') return std::nullopt;
    auto f = parse_decimal(std::string("0") + std::string(s.substr(19)), 1'000'000'000ull);
    if (!f) return std::nullopt;
    frac = *f;
  }
  return uint64_t(secs) * 1'000'000'000ull + frac;
}

}  // namespace

std::optional<TimeBound> parse_time_bound(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text[0] == '@') {
    auto ns = parse_decimal(text.substr(1), 1'000'000'000ull);
    return ns ? std::optional<TimeBound>({*ns, false}) : std::nullopt;
  }
  if (auto ns = parse_date_time(text)) return TimeBound{*ns, false};
  if (text[0] == '+') text.remove_prefix(1);
  auto ns = parse_duration(text);
  return ns ? std::optional<TimeBound>({*ns, true}) : std::nullopt;
}

}  // namespace sysray::trace
