-- Never returns from its first on_event, in a loop LuaJIT compiles to
-- machine code: no hook runs there.
description = "Loops forever in compiled code, for the hardening tests."
short_description = "Endless compiled loop"
category = "Tests"
args = {}

function on_event()
  print("looping")
  io.stdout:flush()
  local n = 0
  while true do
    n = n + 1
  end
end
