-- Prints the arguments it was given and stops at the first event.
description = "Prints its arguments, for the tests."
short_description = "Exec child"
category = "Tests"
args = {
  {name = "a", description = "", argtype = "string", optional = false},
  {name = "b", description = "", argtype = "string", optional = false},
  {name = "c", description = "", argtype = "string", optional = false},
}

function on_set_arg(name, value)
  print(name .. "=[" .. value .. "]")
  return true
end

function on_event()
  sysdig.end_capture()
  print("first event " .. evt.get_num())
  return true
end

function on_capture_end()
  print("end")
end
