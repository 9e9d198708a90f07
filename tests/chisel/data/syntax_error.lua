-- Does not compile, for the tests.
description = "Broken, for the tests."
short_description = "Syntax error"
category = "Tests"
args = {}

function on_event()
  return true
end end
