-- Loads a module that lives beside it.
description = "Uses a module beside it, for the tests."
short_description = "Module user"
category = "Tests"
args = {}

local helper = require("probe_helper")

function on_init()
  print(helper.greeting())
  return true
end
