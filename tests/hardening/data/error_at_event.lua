-- Fails with a runtime error at event N (the argument); on_capture_end
-- must still run.
description = "Fails at event N, for the hardening tests."
short_description = "Error at event N"
category = "Tests"
args = {{name = "n", description = "the event to fail at", argtype = "int"}}

local fail_at = 0
local seen = 0

function on_set_arg(name, val)
  fail_at = tonumber(val)
  return true
end

function on_event()
  seen = seen + 1
  if seen == fail_at then
    error(string.format("failed at event %d", seen))
  end
  return true
end

function on_capture_end()
  print("capture end after " .. seen .. " events")
end
