// Where the time of one page load goes, from a Chromium performance trace (CDP Tracing, the
// categories DevTools records): used by `bench-embed.ts --trace`.
// Main-thread time is split by what the renderer did (self time of each trace event, so a
// script's compile is not counted again inside its run), idle time is what is left of the
// window, and each request is shown with when it started and ended, all from the `parvis-start`
// mark.

/** The trace categories DevTools' performance panel records, plus user timings. */
export const traceCategories = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'v8',
  'blink.user_timing',
  'loading',
  'latencyInfo',
  'disabled-by-default-v8.cpu_profiler',
];

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: Record<string, unknown>; name?: string };
}

/** What kind of work a trace event is, as the DevTools summary groups it. */
function kind(name: string): string {
  // Under CPU throttling the renderer is paused inside whatever task runs: that shows as a task's
  // own time, with no event below it.
  if (name === 'RunTask') return 'task overhead and throttling pauses';
  if (/^(ParseHTML|ParseAuthorStyleSheet)$/.test(name)) return 'HTML and CSS parsing';
  if (/compile|Compile|Parse(Function|Program)|v8\.parse/i.test(name)) return 'script compile';
  if (
    /^(EvaluateScript|FunctionCall|v8\.run|v8\.evaluateModule|v8\.newInstance|v8\.callAsConstructor|RunMicrotasks|TimerFire|FireAnimationFrame|EventDispatch|v8\.callFunction|V8\.Execute)$/.test(
      name,
    )
  )
    return 'script run';
  if (/GC|gc/.test(name)) return 'garbage collection';
  if (/^(UpdateLayoutTree|RecalculateStyles|ScheduleStyleRecalculation)$/.test(name))
    return 'style recalculation';
  if (
    /^(Layout|IntersectionObserverController::computeIntersections|ComputeIntersections)$/.test(
      name,
    )
  )
    return name === 'Layout' ? 'layout' : 'intersection checks';
  if (
    /^(Paint|PrePaint|Layerize|UpdateLayer|UpdateLayerTree|CompositeLayers|Commit|PaintImage|RasterTask|HitTest)$/.test(
      name,
    )
  )
    return 'paint and composite';
  return 'other';
}

/** Self time per kind on the renderer's main thread between two trace timestamps (µs). */
export function mainThreadSummary(
  events: TraceEvent[],
  from: number,
  to: number,
): {
  byKind: Map<string, number>;
  busy: number;
  tasks: Array<{ at: number; dur: number; top: string }>;
} {
  // The page's main thread: the one that recorded the start mark.
  const main = events.find((e) => e.name === 'parvis-start' && e.cat.includes('user_timing'));
  const onMain = events
    .filter(
      (e) =>
        main &&
        e.pid === main.pid &&
        e.tid === main.tid &&
        e.ph === 'X' &&
        e.dur !== undefined &&
        e.ts < to &&
        e.ts + e.dur > from,
    )
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const byKind = new Map<string, number>();
  const tasks: Array<{ at: number; dur: number; top: string }> = [];
  let busy = 0;
  // A stack of open events gives each one its children, hence its self time.
  const stack: Array<{
    event: TraceEvent;
    end: number;
    children: number;
    self: Map<string, number>;
  }> = [];
  const close = (until: number) => {
    while (stack.length && stack[stack.length - 1]!.end <= until) {
      const top = stack.pop()!;
      const clipped = Math.min(top.end, to) - Math.max(top.event.ts, from);
      const self = Math.max(0, clipped - top.children);
      byKind.set(kind(top.event.name), (byKind.get(kind(top.event.name)) ?? 0) + self);
      const parent = stack[stack.length - 1];
      if (parent) parent.children += clipped;
      else {
        busy += clipped;
        top.self.set(kind(top.event.name), (top.self.get(kind(top.event.name)) ?? 0) + self);
      }
    }
  };
  for (const event of onMain) {
    close(event.ts);
    const end = event.ts + event.dur!;
    if (stack.length === 0 && event.dur! >= 5_000) {
      tasks.push({ at: event.ts, dur: event.dur!, top: describe(event, onMain) });
    }
    stack.push({ event, end, children: 0, self: new Map() });
  }
  close(Number.POSITIVE_INFINITY);
  return { byKind, busy, tasks };
}

/** The main pieces of work inside one task, longest first. */
function describe(task: TraceEvent, all: TraceEvent[]): string {
  const end = task.ts + task.dur!;
  const inside = all.filter(
    (e) => e !== task && e.ts >= task.ts && e.ts + e.dur! <= end && e.dur! >= 2_000,
  );
  const named = inside
    .filter((e) =>
      /^(EvaluateScript|v8\.compileModule|v8\.evaluateModule|FunctionCall|UpdateLayoutTree|Layout|ParseHTML|Paint|PrePaint|TimerFire|FireAnimationFrame|RunMicrotasks|MajorGC|MinorGC|v8\.compile|IntersectionObserverController::computeIntersections)$/.test(
        e.name,
      ),
    )
    .slice(0, 6)
    .map((e) => {
      const data = e.args?.data ?? {};
      const where = String(data.url ?? data.functionName ?? '').replace(/^.*\//, '');
      return `${e.name}${where ? ` ${where}` : ''} ${(e.dur! / 1000).toFixed(1)}`;
    });
  return named.join(', ') || task.name;
}

/** JavaScript self time by function (V8's sampling profiler in the trace), in the window. */
function hotFunctions(events: TraceEvent[], pid: number, from: number, to: number) {
  interface ProfileNode {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }
  const nodes = new Map<string, ProfileNode>();
  const self = new Map<string, number>();
  const clocks = new Map<string, number>();
  for (const e of events) {
    if (e.pid !== pid || (e.name !== 'ProfileChunk' && e.name !== 'Profile')) continue;
    const data = (e.args?.data ?? {}) as {
      startTime?: number;
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
    const profile = String((e as { id?: string }).id);
    if (e.name === 'Profile') {
      clocks.set(profile, data.startTime ?? e.ts);
      continue;
    }
    for (const node of data.cpuProfile?.nodes ?? []) nodes.set(`${profile}:${node.id}`, node);
    let clock = clocks.get(profile) ?? e.ts;
    const samples = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      const previous = clock;
      clock += deltas[i] ?? 0;
      if (clock < from || clock > to) continue;
      const frame = nodes.get(`${profile}:${samples[i]}`)?.callFrame;
      if (!frame || /^\((idle|program|root)\)$/.test(frame.functionName)) continue;
      const where = `${frame.functionName || '(anonymous)'} ${(frame.url ?? '').replace(/^.*\//, '')}:${frame.lineNumber + 1}`;
      self.set(where, (self.get(where) ?? 0) + Math.min(clock - previous, 5_000));
    }
    clocks.set(profile, clock);
  }
  return [...self].sort((a, b) => b[1] - a[1]);
}

/** Each request of the page: asked, headers in (network), seen by the page's main thread, done. */
function requests(events: TraceEvent[], pid: number) {
  const byId = new Map<
    unknown,
    { url: string; asked: number; headers?: number; seen?: number; done?: number }
  >();
  for (const e of events) {
    const data = (e.args?.data ?? {}) as {
      requestId?: string;
      url?: string;
      timing?: { requestTime: number; receiveHeadersEnd: number };
    };
    if (e.name === 'ResourceSendRequest' && e.pid === pid && data.url?.startsWith('http'))
      byId.set(data.requestId, { url: data.url, asked: e.ts });
    const request = byId.get(data.requestId);
    if (!request) continue;
    if (e.name === 'ResourceReceiveResponse') {
      request.seen = e.ts;
      if (data.timing)
        request.headers = (data.timing.requestTime * 1000 + data.timing.receiveHeadersEnd) * 1000;
    }
    if (e.name === 'ResourceFinish') request.done = e.ts;
  }
  return [...byId.values()].sort((a, b) => a.asked - b.asked);
}

export function printBreakdown(events: TraceEvent[], readyAfterMs: number): void {
  const startMark = events.find((e) => e.name === 'parvis-start' && e.cat.includes('user_timing'));
  if (!startMark) throw new Error('no parvis-start mark in the trace');
  const from = startMark.ts;
  const to = from + readyAfterMs * 1000;
  const ms = (us: number | undefined) =>
    (us === undefined ? '-' : ((us - from) / 1000).toFixed(1)).padStart(7);
  const duration = (us: number) => (us / 1000).toFixed(1).padStart(7);
  console.log(`\nwindow: parvis-start → answerable poll = ${duration(to - from)} ms`);
  console.log(
    '\nrequests (ms from parvis-start: asked, headers in, seen by the page, done; the page sees a response only between its tasks):',
  );
  for (const r of requests(events, startMark.pid)) {
    if (r.asked < from - 500_000) continue;
    console.log(
      `  ${ms(r.asked)} ${ms(r.headers)} ${ms(r.seen)} ${ms(r.done)}  ${r.url.replace(/^https?:\/\/[^/]+/, '')}`,
    );
  }
  const { byKind, busy, tasks } = mainThreadSummary(events, from, to);
  console.log('\nmain thread, self time in the window:');
  for (const [name, us] of [...byKind].sort((a, b) => b[1] - a[1]))
    console.log(`  ${duration(us)} ms  ${name}`);
  console.log(`  ${duration(busy)} ms  busy in all`);
  console.log(`  ${duration(to - from - busy)} ms  idle (waiting on the network or a frame)`);
  console.log('\nJavaScript self time by function (sampled), top 15:');
  for (const [where, us] of hotFunctions(events, startMark.pid, from, to).slice(0, 15))
    console.log(`  ${duration(us)} ms  ${where}`);
  console.log('\ntasks of 5 ms or more (ms from parvis-start, duration, main pieces):');
  for (const task of tasks) {
    if (task.at + task.dur < from || task.at > to) continue;
    console.log(`  ${ms(task.at)} ${duration(task.dur)}  ${task.top}`);
  }
}
