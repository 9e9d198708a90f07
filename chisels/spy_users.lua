-- spy_users: Display interactive user activity
-- (sysray's chisel, written for sysray; same name, arguments and output as sysdig's)

description = "Lists every command that users launch interactively (e.g. from bash) and every directory users visit. This chisel is compatible with containers using the sysdig -pc or -pcontainer argument, otherwise no container information will be shown. (Blue represents a process running within a container, and Green represents a host process)"
short_description = "Display interactive user activity"
category = "Security"
args = {
  {name = "max_depth", description = "the maximum depth to show in the hierarchy of processes", argtype = "int", optional = true},
  {name = "disable_color", description = "Set to 'disable_colors' if you want to disable color output", argtype = "string", optional = true},
}

-- Commands run from interactive shells (and directory changes inside
-- them), indented by how many shell levels down they run.
local text = require("sr_text")
local c = text.color
local MAX_ANCESTORS = 16
local max_depth = -1
local f = {}
local ancestor_name, ancestor_pid = {}, {}
-- pid -> {depth, shell pid}; depth -1: not below any shell
local tree = {}

function on_set_arg(name, value)
  if name == "max_depth" then
    max_depth = text.number_arg(value, name)
  elseif value == "disable_color" then
    text.set_colors(false)
  end
  return true
end

function on_init()
  for name, field in pairs{type = "evt.type", exe = "proc.exe", args = "proc.args", path = "evt.arg.path",
                           user = "user.name", time = "evt.time.s", pid = "proc.pid", ppid = "proc.ppid"} do
    f[name] = chisel.request_field(field)
  end
  for level = 0, MAX_ANCESTORS do
    ancestor_name[level] = chisel.request_field("proc.aname[" .. level .. "]")
    ancestor_pid[level] = chisel.request_field("proc.apid[" .. level .. "]")
  end
  chisel.set_filter("((evt.type=execve and evt.dir=<) or (evt.type=chdir and evt.dir=< and proc.name contains sh " ..
                    "and not proc.name contains sshd)) and evt.failed=false")
  return true
end

-- Where the parent stands: the outermost shell among its ancestors. For a
-- shell's own chdir the walk starts at the shell itself (shift 1).
local function place_parent(ppid, shift)
  tree[ppid] = {-1}
  for j = 1, MAX_ANCESTORS do
    local level = j - shift
    local name = evt.field(ancestor_name[level])
    if name == nil then
      if evt.field(ancestor_pid[level]) == nil then break end
    elseif #name >= 2 and name:sub(-2) == "sh" then
      local shell = evt.field(ancestor_pid[level])
      tree[ppid] = {tree[shell] and j - 1 or 0, shell}
    end
  end
end

function on_event()
  local user = evt.field(f.user) or "<NA>"
  local pid, ppid = evt.field(f.pid), evt.field(f.ppid)
  local is_chdir = evt.field(f.type) == "chdir"
  -- A shell changing directory stands for itself: its own ancestors count.
  local shift, correction = 0, 1
  if is_chdir then ppid, shift, correction = pid, 1, 0 end
  if not tree[ppid] then place_parent(ppid, shift) end
  if tree[ppid][1] == -1 then return true end
  if not tree[pid] then tree[pid] = {tree[ppid][1] + 1, tree[ppid][2]} end
  local depth = tree[pid][1] - correction
  if max_depth ~= -1 and depth > max_depth then return true end
  if is_chdir then
    print(string.rep(" ", 4 * depth) .. tree[pid][2] .. " " .. evt.field(f.time) .. " " .. user .. ") cd " ..
          evt.field(f.path))
  else
    print(string.rep(" ", 3 * depth) .. tree[pid][2] .. " " .. evt.field(f.time) .. " " .. user .. ") " ..
          evt.field(f.exe) .. " " .. evt.field(f.args))
  end
  return true
end

function on_capture_end()
  print(c.reset)
end
