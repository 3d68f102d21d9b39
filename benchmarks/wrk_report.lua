-- wrk script for benchmarks/loadgen.py: a path template whose {id} becomes a random id in 1..maxid, an optional
-- If-None-Match header, and a count of answers whose status is not the expected one (wrk's own error count only
-- sees statuses >= 400, so it would miss a 200 where a 304 is expected).
-- usage: wrk ... -s wrk_report.lua URL -- TEMPLATE MAXID EXPECTED_STATUS SEED [IF_NONE_MATCH]
local threads = {}
local template, maxid, expected, seed, headers = "/", 1, 200, 1, {}
unexpected = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  template, maxid, expected = args[1] or "/", tonumber(args[2] or "1"), tonumber(args[3] or "200")
  seed = tonumber(args[4] or "1")
  if args[5] and args[5] ~= "" then
    headers["If-None-Match"] = args[5]
  end
  -- A seed per load: the same ids as the same load of the last run, but not the ids the warm-up already cached.
  math.randomseed(seed)
end

function request()
  local path = template:gsub("{id}", tostring(math.random(1, maxid)))
  return wrk.format("GET", path, headers)
end

function response(status, _headers, _body)
  if status ~= expected then
    unexpected = unexpected + 1
  end
end

function done(summary, latency, _requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("unexpected")
  end
  local e = summary.errors
  io.write(string.format("WRKREPORT %d %d %d %d %d %d %.1f %.1f\n", summary.requests, summary.duration,
    e.connect + e.read + e.write, e.timeout, bad, e.status, latency:percentile(50), latency:percentile(99)))
end
