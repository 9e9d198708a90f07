-- Never returns from its first on_event, in a loop that calls into sysray
-- (so that LuaJIT interprets it and a hook can stop it).
description = "Loops forever in on_event, for the hardening tests."
short_description = "Endless on_event"
category = "Tests"
args = {}

function on_init()
  f_num = chisel.request_field("evt.num")
  return true
end

function on_event()
  print("looping")
  io.stdout:flush()
  local n = 0
  while true do
    n = n + (evt.field(f_num) or 0)
  end
end

function on_capture_end()
  print("capture end")
end
