-- Fails in on_event on the third event; on_capture_end must still run.
description = "Fails at run time, for the tests."
short_description = "Runtime error"
category = "Tests"
args = {}

local seen = 0

function on_event()
  seen = seen + 1
  if seen == 3 then
    local missing = nil
    return missing.field
  end
  return true
end

function on_capture_end()
  print("capture end after " .. seen .. " events")
end
