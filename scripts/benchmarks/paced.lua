-- A paced load for wrk (scripts/benchmarks/bench-feed): requests leave on a fixed schedule of
-- PORTSIGHT_RATE a second, shared by the thread's connections, instead of as fast as answers
-- come back. wrk's delay() is in whole milliseconds, so they leave in 1 ms ticks; its latency
-- counts from the moment each request is written.
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } portsight_timespec;
int clock_gettime(int clock, portsight_timespec *ts);
]]
local clock = ffi.new("portsight_timespec")
local CLOCK_MONOTONIC = 1

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

local interval = 1000 / tonumber(os.getenv("PORTSIGHT_RATE") or "2000")
local due = nil

function delay()
  local now = now_ms()
  -- After a stall, start the schedule again rather than send a burst to catch up.
  if due == nil or due < now - 50 then due = now end
  due = due + interval
  return math.max(0, math.floor(due - now))
end
