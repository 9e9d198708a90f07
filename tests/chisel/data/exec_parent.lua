-- Hands over to exec_child (found beside it) with arguments holding spaces.
description = "Hands over to exec_child, for the tests."
short_description = "Exec parent"
category = "Tests"
args = {}

function on_init()
  chisel.exec("exec_child", "one two", "", "three")
  return true
end

function on_event()
  print("the parent must not see events")
  return true
end
