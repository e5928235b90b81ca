-- wrk script: POSTs the JSON in $BODY, stops each thread after $MAX_REQUESTS/threads answers, and prints one JSON
-- line with throughput, latency percentiles (microseconds) and every kind of error.
local body = os.getenv("BODY") or "{}"
local max_requests = tonumber(os.getenv("MAX_REQUESTS") or "1000000")
local threads = {}

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  limit = math.floor(max_requests / tonumber(os.getenv("THREADS") or "2"))
end

local answered = 0
function response(status, headers, body)
  answered = answered + 1
  if answered >= limit then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"rps":%.1f,"p50_us":%d,"p99_us":%d,"p999_us":%d,"max_us":%d,' ..
    '"errors_connect":%d,"errors_read":%d,"errors_write":%d,"errors_status":%d,"errors_timeout":%d}\n',
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
