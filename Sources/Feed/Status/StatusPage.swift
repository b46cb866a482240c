import Hummingbird

/// The status page at `/`: one self-contained HTML file (inline CSS and JS, no external assets)
/// that polls `/status` and `/events?since=` every 2 s and shows cameras with their latest frame
/// and recent events with their snapshots. When the feed needs a token, the page asks for it
/// once, keeps it in `sessionStorage`, and sends it on every fetch; pictures are fetched the same
/// way and shown from blob URLs, since an `<img src>` cannot carry a header.
enum StatusPage {
    static func response() -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    static let html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Portsight</title>
        <style>
        body { font: 14px system-ui, sans-serif; margin: 1rem; background: #f4f5f7; color: #222; }
        h1 { font-size: 1.2rem; margin: 0 0 .5rem; } h2 { font-size: 1rem; margin: 1rem 0 .5rem; }
        #meta { color: #666; } .grid { display: flex; flex-wrap: wrap; gap: .75rem; }
        .cam { background: #fff; border-radius: 6px; padding: .5rem; width: 320px; box-shadow: 0 1px 2px #0002; }
        .cam img { width: 100%; aspect-ratio: 16/9; object-fit: cover; background: #ddd; border-radius: 4px; }
        .state { font-weight: 600; padding: 0 .4rem; border-radius: 3px; color: #fff; background: #999; }
        .online, .delivering { background: #2e7d32; } .stalled, .frozen, .retrying, .connecting { background: #ef6c00; }
        .offline, .misconfigured { background: #c62828; }
        table { border-collapse: collapse; background: #fff; width: 100%; }
        td, th { padding: .3rem .5rem; border-bottom: 1px solid #eee; text-align: left; vertical-align: middle; }
        td img { height: 48px; border-radius: 3px; } #error { color: #c62828; }
        .read { display: inline-block; margin-right: .75rem; } .read img { display: block; height: 40px; }
        .review { color: #ef6c00; }
        </style></head><body>
        <h1>Portsight</h1><div id="meta">loading…</div><div id="error"></div>
        <h2>Cameras</h2><div id="cameras" class="grid"></div>
        <div id="sinkpart" hidden><h2>Delivery</h2>
        <table><thead><tr><th>sink</th><th>state</th><th>cursor</th><th>lag</th><th>dead letters</th><th>last error</th></tr></thead>
        <tbody id="sinks"></tbody></table></div>
        <div id="visitpart" hidden><h2>Recent visits</h2>
        <table><thead><tr><th>time</th><th>lane</th><th>way</th><th>plate</th><th>containers</th><th></th></tr></thead>
        <tbody id="visits"></tbody></table></div>
        <h2>Recent events</h2>
        <table><thead><tr><th>seq</th><th>time</th><th>camera</th><th>type</th><th>detail</th><th></th></tr></thead>
        <tbody id="events"></tbody></table>
        <script>
        "use strict";
        // Keeps the last events shown; `since` makes each poll fetch only what is new.
        let since = null, recent = [], visits = [], token = sessionStorage.getItem("portsight.token");
        const $ = (id) => document.getElementById(id);
        const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => "&#" + c.charCodeAt(0) + ";");

        async function get(path, asBlob) {
          const headers = token ? { Authorization: "Bearer " + token } : {};
          const response = await fetch(path, { headers, cache: "no-store" });
          if (response.status === 401) {
            token = prompt("This feed needs its token (feed.token):") || "";
            sessionStorage.setItem("portsight.token", token);
            throw new Error("unauthorised: token asked for");
          }
          if (!response.ok) { return null; }
          return asBlob ? response.blob() : response.json();
        }

        // Blob URLs of the pictures shown, by path: an event's snapshot never changes, so it is
        // fetched once; a camera's frame is fetched every time, the old one shown meanwhile.
        const shown = new Map();
        async function picture(img, path, fixed) {
          if (shown.has(path)) { img.src = shown.get(path); if (fixed) { return; } }
          const blob = await get(path, true).catch(() => null);
          if (!blob) { return; }
          const old = shown.get(path);
          shown.set(path, URL.createObjectURL(blob));
          img.src = shown.get(path);
          if (old) { URL.revokeObjectURL(old); }
        }

        function detail(e) {
          if (e.container) { return e.container.code + " L" + (e.container.level ?? 1) + (e.container.needs_review ? " (review)" : ""); }
          if (e.camera_state) { return e.camera_state.state + (e.camera_state.reason ? ": " + e.camera_state.reason : ""); }
          if (e.line) { return "line " + e.line.id + " " + (e.line.direction ?? ""); }
          if (e.zone) { return "zone " + e.zone.id; }
          return e.track ? e.track.category + " #" + e.track.id : "";
        }

        // One read of a visit: its text over its close-up (`/events/<seq>/crops/<name>`).
        function read(e, name, text, review) {
          const img = e.crops && e.crops[name] ? '<img data-crop="/events/' + e.seq + "/crops/" + encodeURIComponent(name) + '" alt="">' : "";
          return '<span class="read' + (review ? " review" : "") + '">' + img + esc(text) + (review ? " (review)" : "") + "</span>";
        }

        function visitRow(e) {
          const t = e.transaction, p = t.plate;
          const tp = t.trailer_plate;
          const plate = (!p ? "—" : p.too_small ? "too small" : read(e, "plate", p.text, p.needs_review))
            + (tp ? " trailer " + read(e, "trailer_plate", tp.text, tp.needs_review) : "");
          const boxes = t.containers.map((c) => read(e, c.code, c.code + " " + (c.size_type ?? "") + " L" + c.level + " "
            + (c.position ?? ""), c.needs_review)).join("") || "none";
          return "<tr><td>" + esc(t.entered_time ?? e.time) + "</td><td>" + esc(t.lane ?? e.camera) + "</td><td>"
            + esc(t.direction ?? "") + "</td><td>" + plate + "</td><td>" + boxes + "</td><td>"
            + (e.snapshot ? '<img data-crop="/events/' + e.seq + '/snapshot.jpg" alt="">' : "")
            + (e.clip ? ' <a href="#" data-clip="/events/' + e.seq + '/clip.mp4">clip</a>' : "") + "</td></tr>";
        }

        // A clip is fetched with the token like the pictures, then played in a new tab.
        document.addEventListener("click", async (event) => {
          const link = event.target.closest("a[data-clip]");
          if (!link) { return; }
          event.preventDefault();
          const blob = await get(link.dataset.clip, true).catch(() => null);
          if (blob) { window.open(URL.createObjectURL(blob), "_blank"); }
        });

        async function refresh() {
          const status = await get("/status");
          if (!status) { throw new Error("no status"); }
          $("meta").textContent = "version " + status.version + " · up " + Math.round(status.uptime_s) + " s · last seq "
            + status.store.last_seq;
          $("cameras").innerHTML = status.cameras.map((c) =>
            '<div class="cam"><img data-cam="' + esc(c.id) + '" alt=""><div><b>' + esc(c.id) + '</b> <span class="state '
            + esc(c.state) + '">' + esc(c.state) + "</span> " + c.fps_processed.toFixed(1) + " fps · dropped "
            + c.dropped_frames + "</div></div>").join("");
          $("sinkpart").hidden = status.sinks.length === 0;
          $("sinks").innerHTML = status.sinks.map((s) =>
            "<tr><td><b>" + esc(s.name) + "</b> " + esc(s.kind) + '</td><td><span class="state ' + esc(s.state) + '">'
            + esc(s.state) + "</span></td><td>" + s.cursor + "</td><td>" + s.lag_events + " events · " + s.lag_s.toFixed(1)
            + " s</td><td>" + s.dead_letters + "</td><td>" + esc(s.last_error) + "</td></tr>").join("");
          document.querySelectorAll("img[data-cam]").forEach((img) =>
            picture(img, "/cameras/" + encodeURIComponent(img.dataset.cam) + "/snapshot.jpg", false));

          // First load: only the last page of events; after that, only the new ones.
          const from = since ?? Math.max(0, status.store.last_seq - 20);
          if (since === null) {
            const old = await get("/events?type=gate.transaction&limit=1000&since=" + Math.max(0, status.store.last_seq - 5000));
            if (old) { visits = old.events.filter((e) => e.seq <= from).reverse().slice(0, 10); }
          }
          const page = await get("/events?since=" + from + "&limit=100");
          if (page) {
            since = page.next;
            recent = page.events.reverse().concat(recent).slice(0, 20);
            visits = page.events.filter((e) => e.type === "gate.transaction").concat(visits).slice(0, 10);
          }
          $("visitpart").hidden = visits.length === 0;
          $("visits").innerHTML = visits.map(visitRow).join("");
          document.querySelectorAll("img[data-crop]").forEach((img) => picture(img, img.dataset.crop, true));
          $("events").innerHTML = recent.map((e) =>
            "<tr><td>" + e.seq + "</td><td>" + esc(e.time) + "</td><td>" + esc(e.camera) + "</td><td>" + esc(e.type)
            + "</td><td>" + esc(detail(e)) + "</td><td>" + (e.snapshot ? '<img data-seq="' + e.seq + '" alt="">' : "")
            + "</td></tr>").join("");
          document.querySelectorAll("img[data-seq]").forEach((img) =>
            picture(img, "/events/" + img.dataset.seq + "/snapshot.jpg", true));
          const kept = new Set(recent.map((e) => "/events/" + e.seq + "/snapshot.jpg")
            .concat([...document.querySelectorAll("img[data-crop]")].map((img) => img.dataset.crop)));
          for (const [path, url] of shown) {
            if (path.startsWith("/events/") && !kept.has(path)) { URL.revokeObjectURL(url); shown.delete(path); }
          }
        }

        async function loop() {
          try { await refresh(); $("error").textContent = ""; }
          catch (error) { $("error").textContent = "cannot reach the feed: " + error.message; }
          setTimeout(loop, 2000);
        }
        loop();
        </script></body></html>
        """
}
