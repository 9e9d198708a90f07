-- sr_text: text helpers shared by sysray's chisels (a module: no
-- description, so -cl does not list it).
local sr_text = {}

-- Pads s with spaces to width; a longer s is cut to width-1 and ends with a
-- space, so that table columns never touch (sysdig's column rule).
function sr_text.column(s, width)
  s = tostring(s)
  if #s < width then return s .. string.rep(" ", width - #s) end
  if width <= 0 then return "" end
  return s:sub(1, width - 1) .. " "
end

-- 1230 -> "1.20KB": binary units, two decimals, whole bytes below 1KB.
local units = {
  {1024 ^ 5, "P"}, {1024 ^ 4, "T"}, {1024 ^ 3, "G"}, {1024 ^ 2, "M"}, {1024, "KB"},
}
function sr_text.bytes(n)
  for _, u in ipairs(units) do
    if n > u[1] then return string.format("%.2f%s", n / u[1], u[2]) end
  end
  return string.format("%dB", n)
end

-- A duration in ns -> "1.10s", "12ms", "1.50ms", "21us", "3.12us", "653ns".
local S, MS, US = 1e9, 1e6, 1e3
function sr_text.duration(ns)
  if ns >= S then return string.format("%u.%02us", math.floor(ns / S), (ns % S) / 1e7) end
  if ns >= S / 100 then return string.format("%ums", math.floor(ns / MS)) end
  if ns >= MS then return string.format("%u.%02ums", math.floor(ns / MS), (ns % MS) / 1e4) end
  if ns >= S / 100000 then return string.format("%uus", math.floor(ns / US)) end
  if ns >= US then return string.format("%u.%02uus", math.floor(ns / US), (ns % US) / 10) end
  return string.format("%uns", ns)
end

-- ANSI colors, on unless a chisel's disable_color argument turns them off.
local codes = {reset = 0, red = 31, green = 32, yellow = 33, blue = 34, magenta = 35, cyan = 36}
sr_text.color = {}
function sr_text.set_colors(on)
  for name, code in pairs(codes) do
    sr_text.color[name] = on and string.format("\27[%dm", code) or ""
  end
end
sr_text.set_colors(true)

-- A number argument, or an error that names it.
function sr_text.number_arg(value, name)
  local n = tonumber(value)
  if n == nil then error(string.format("argument %s must be a number, not '%s'", name, value), 0) end
  return n
end

-- The keys of t sorted by before(t[a], t[b]); ties keep no particular order.
function sr_text.sorted_keys(t, before)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return before(t[a], t[b]) end)
  return keys
end

return sr_text
