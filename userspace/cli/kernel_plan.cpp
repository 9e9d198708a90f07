#include "cli/kernel_plan.h"

#include "filters/filter.h"

namespace sysray {

std::optional<PushdownPlan> kernel_plan(const Options& opts, const ChiselRunner* chisels) {
  if (opts.display_filter) return std::nullopt;
  const std::string& text =
      chisels && chisels->env().global_filter ? *chisels->env().global_filter : opts.filter;
  PushdownPlan plan;  // every event
  if (!text.empty()) {
    try {
      plan = plan_pushdown(*compile_filter(text));
    } catch (const FilterError&) {
      return std::nullopt;
    }
  }
  // With chisels nothing else prints: they, -w and -n are the consumers.
  if (chisels && opts.write_file.empty() && opts.max_events == 0)
    plan = plan_intersection(plan, chisels->events_wanted());
  if (plan.all_events()) return std::nullopt;
  return plan;
}

}  // namespace sysray
