-- sr_top: the "top N" table behind sysray's top*/fd*_by chisels. Events
-- that pass the filter add their value (when positive) to the row of their
-- key fields; the table prints at the end of the capture (every second when
-- live), sorted by value:
--
--   local top = require("sr_top").new{keys = {"fd.name"}, titles = {"Filename"},
--     value = "evt.rawarg.res", value_title = "Bytes", units = "bytes",
--     filter = "fd.type=file and evt.is_io=true", limit = 10}
--   top:install()   -- defines on_init, on_event, on_interval, on_capture_end
local text = require("sr_text")

local sr_top = {}
sr_top.__index = sr_top

local field = evt.field  -- looked up once: it runs for every event

local COLUMN = 20
local RULE = string.rep("-", 80)
local SEPARATOR = "\1\1"

function sr_top.new(spec)
  local self = setmetatable({}, sr_top)
  self.spec = spec
  self.rows = {}
  return self
end

-- The text of one value in the table's units; delta is the time the table covers.
function sr_top:format_value(v, delta)
  local units = self.spec.units
  if units == "bytes" then return text.bytes(v) end
  if units == "time" then return text.duration(v) end
  if units == "timepct" then
    if delta > 0 then return string.format("%.2f%%", v / delta * 100) end
    return "0.00%"
  end
  return tostring(v)
end

function sr_top:init()
  local spec = self.spec
  self.key_fields = {}
  for i, name in ipairs(spec.keys) do self.key_fields[i] = chisel.request_field(name) end
  if spec.value then self.value_field = chisel.request_field(spec.value) end
  if spec.filter and spec.filter ~= "" then chisel.set_filter(spec.filter) end
end

-- The row key of the current event, or nil when a key field is missing.
function sr_top:event_key()
  local fields = self.key_fields
  local key = field(fields[1])
  if key == nil then return nil end
  for i = 2, #fields do
    local part = field(fields[i])
    if part == nil then return nil end
    key = key .. SEPARATOR .. part
  end
  return key
end

function sr_top:add(key, value)
  if key ~= nil and value ~= nil and value > 0 then
    self.rows[key] = (self.rows[key] or 0) + value
  end
end

-- The value first: most events add nothing (enter events have no latency,
-- most have no bytes), and then the key is never built.
function sr_top:event()
  local value = field(self.value_field)
  if value == nil or value <= 0 then return end
  local key = self:event_key()
  if key ~= nil then self.rows[key] = (self.rows[key] or 0) + value end
end

local function split_key(key)
  local parts = {}
  for part in (tostring(key) .. SEPARATOR):gmatch("(.-)" .. SEPARATOR) do parts[#parts + 1] = part end
  return parts
end

function sr_top:print_text(delta)
  local spec = self.spec
  local header = text.column(spec.value_title, COLUMN)
  for _, title in ipairs(spec.titles) do header = header .. text.column(title, COLUMN) end
  print(header)
  print(RULE)
  local keys = text.sorted_keys(self.rows, function(a, b) return a > b end)
  for i, key in ipairs(keys) do
    if spec.limit > 0 and i > spec.limit then break end
    local parts = split_key(key)
    local line = text.column(self:format_value(self.rows[key], delta), COLUMN)
    for j, part in ipairs(parts) do
      -- Every key column but the last is cut to the column width.
      if j < #parts then line = line .. text.column(part:sub(1, COLUMN), COLUMN) else line = line .. part end
    end
    print(line)
  end
end

-- -j: {"info": [...], "ts": "ns", "data": [[key..., value]...]}, laid out
-- as sysdig's JSON encoder indents it.
local function json_string(s)
  return '"' .. tostring(s):gsub('[%c"\\]', function(c)
    return string.format("\\u%04x", c:byte())
  end) .. '"'
end

function sr_top:print_json(ts_s)
  local spec = self.spec
  local rows = {}
  local keys = text.sorted_keys(self.rows, function(a, b) return a > b end)
  for i, key in ipairs(keys) do
    if spec.limit > 0 and i > spec.limit then break end
    local cells = {}
    for _, part in ipairs(split_key(key)) do cells[#cells + 1] = json_string(part) end
    cells[#cells + 1] = string.format("%.14g", self.rows[key])
    rows[#rows + 1] = "[" .. table.concat(cells, ",") .. "]"
  end
  local info = {}
  local function describe(name, desc, is_key)
    info[#info + 1] = string.format('{\n      "name":%s,\n      "is_key":%s,\n      "desc":%s\n    }',
      json_string(name), tostring(is_key), json_string(desc))
  end
  for i, name in ipairs(spec.keys) do describe(name, spec.titles[i], true) end
  describe(spec.value or "", spec.value_title, false)
  print(string.format('{\n  "info":[%s],\n  "ts":"%s",\n  "data":[%s]\n}', table.concat(info, ","),
    sysdig.make_ts(ts_s, 0), table.concat(rows, ",")))
end

function sr_top:print(ts_s, delta)
  if sysdig.get_output_format() == "json" then self:print_json(ts_s) else self:print_text(delta) end
end

-- Defines the chisel callbacks as globals.
function sr_top:install()
  local top = self
  function on_init() top:init() return true end
  function on_capture_start()
    top.live = sysdig.is_live()
    if top.live then chisel.set_interval_s(1) end
    return true
  end
  function on_event() top:event() return true end
  function on_interval(ts_s, ts_ns, delta)
    top:print(ts_s, delta)
    top.rows = {}
    return true
  end
  function on_capture_end(ts_s, ts_ns, delta)
    if not top.live then top:print(ts_s, delta) end
    return true
  end
end

return sr_top
