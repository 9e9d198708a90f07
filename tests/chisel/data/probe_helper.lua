-- A module for module_user.lua.
local helper = {}
function helper.greeting() return "hello from beside" end
return helper
