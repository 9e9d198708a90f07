-- fdcount_by: FD count, aggregated by an arbitrary filter field
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Groups all the active FDs based on the given filter field, and returns the fd count for each key. For example, it can be used to list the number of connections per process or per IP endpoint."
short_description = "FD count, aggregated by an arbitrary filter field"
category = "I/O"
args = {
  {name = "key", description = "The filter field used for grouping", argtype = "string", optional = false},
}

-- Distinct fds (number and name) used, per value of the key field.
local key_name
local key_field, num_field, name_field
local groups = {}  -- key -> {count = n, seen = {fd key -> true}}

function on_set_arg(name, value)
  key_name = value
  return true
end

function on_init()
  key_field = chisel.request_field(key_name)
  num_field = chisel.request_field("fd.num")
  name_field = chisel.request_field("fd.name")
  return true
end

function on_event()
  local key, num, name = evt.field(key_field), evt.field(num_field), evt.field(name_field)
  if key == nil or num == nil or num <= 0 or name == nil or name == "" then return true end
  local group = groups[key]
  if group == nil then
    group = {count = 0, seen = {}}
    groups[key] = group
  end
  local fd = num .. name
  if not group.seen[fd] then
    group.seen[fd] = true
    group.count = group.count + 1
  end
  return true
end

function on_capture_end()
  local keys = require("sr_text").sorted_keys(groups, function(a, b) return a.count > b.count end)
  for _, key in ipairs(keys) do print(key, groups[key].count) end
  return true
end
