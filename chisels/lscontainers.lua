-- lscontainers: List the running containers
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "List the running containers and the metadata"
short_description = "List the running containers"
category = "System State"
args = {
  {name = "desc", description = "Prints the result set as a data structure", argtype = "string", optional = true},
}

-- The containers known at the start of the capture.
local col = require("sr_text").column
local as_table = false
local started = false

function on_set_arg(name, value)
  if value ~= "desc" then return false end
  as_table = true
  return true
end

function on_capture_start()
  started = true
  return true
end

function on_event()
  sysdig.end_capture()
  return true
end

-- desc: the table as Lua-ish text.
local function dump(v, indent)
  if type(v) ~= "table" then return string.format("%q", tostring(v)) end
  local lines = {"{"}
  for k, x in pairs(v) do lines[#lines + 1] = indent .. "  " .. tostring(k) .. " = " .. dump(x, indent .. "  ") .. "," end
  lines[#lines + 1] = indent .. "}"
  return table.concat(lines, "\n")
end

function on_capture_end()
  if not started then return end
  local containers = sysdig.get_container_table()
  if as_table then
    print(dump(containers, ""))
    return
  end
  print(col("container.type", 15) .. col("container.image", 16) .. col("container.name", 20) .. col("container.id", 13))
  print(col("---------------", 15) .. col("----------------", 16) .. col("--------------------", 20) ..
        col("-------------", 13))
  for _, c in ipairs(containers) do
    print(col(c.type, 15) .. col(c.image, 16) .. col(c.name, 20) .. col(c.id, 13))
  end
end
