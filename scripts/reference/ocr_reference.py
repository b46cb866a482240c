#!/usr/bin/python3
"""Reference container-code OCR pipeline (cv2.dnn only), and the benchmark that chose the models.

This is the Python twin of what the Swift daemon does with the models in models/ocr/: a DB text
detector and a CTC recogniser, both run through OpenCV 4.6's cv::dnn (Debian bookworm), one
thread.  It reads the labelled real photos in ../shared/realdata (never copied into the repo),
runs every requested detector/recogniser pair over them and prints:

  * how many labelled codes are found as a substring of the recognised text (spaces removed),
    and separately the owner+category (4 letters), the serial (6 digits) and serial+check digit;
  * median milliseconds per image for each stage, with cv2.setNumThreads(1).

Usage (from the repo root):
  /usr/bin/python3 scripts/reference/ocr_reference.py                  # the committed pair in models/ocr/
  /usr/bin/python3 scripts/reference/ocr_reference.py --candidates .build/ocr-work/converted
                                                             # every candidate that
                                                             # scripts/models/convert-ocr-models --all built
  /usr/bin/python3 scripts/reference/ocr_reference.py --image some.jpg # print what it reads in one image

It needs only Debian's python3-opencv and python3-numpy.  Without ../shared/realdata (or
$PORTSIGHT_REALDATA) the benchmark prints a note and exits 0.

Pipeline (what the Swift implementation copies):
  detector input : BGR image, letterboxed (aspect kept, top-left aligned, zero padding) into the
                   fixed 640x640 input; per channel (x/255 - mean)/std with mean 0.485,0.456,0.406
                   and std 0.229,0.224,0.225 applied to B,G,R in that order (PaddleOCR convention:
                   the "RGB" constants are applied to the BGR planes as they are); NCHW float32.
                   The converted detector is only correct at exactly 1x3x640x640.
  detector output: 1x1x640x640 text probability map (sigmoid).
  DB post-process: bitmap = prob > thresh (0.3); external contours; minAreaRect of each; drop if
                   the short side < 3 px; score = mean prob inside the contour polygon; drop if
                   score < box_thresh (0.5); unclip: d = area*ratio/perimeter of the rect
                   (ratio 1.6), rect w,h += 2d; drop if short side < 5; divide by the letterbox
                   scale (and add the tile offset) to get image coordinates.
  tiles          : besides the whole image, images larger than 800 px on their long side are
                   also cut into overlapping square tiles (side = max(640, long/2) clipped to the
                   short side, 15% overlap) so that small text reaches the detector at a readable
                   size.  The daemon does the same on its track crops.
  crops          : perspective-warp each rotated rect to an upright w x h crop (long side along
                   the rect's first edge as in PaddleOCR); if h > 1.5 w the box is vertical:
                   read it rotated 90 deg both ways AND cut it into single characters (row gaps
                   of an Otsu projection, else equal cuts of ~1.1 w) re-laid side by side into a
                   horizontal strip.
  recogniser in  : crop resized to height 48 keeping aspect (width = ceil(48*w/h), max 320,
                   squeezed to 320 if wider), BGR, (x/255 - 0.5)/0.5, right-padded with 0 to
                   1x3x48x320.
  recogniser out : 1x40xC softmax; class 0 = CTC blank, class i (1..N) = line i of the
                   dictionary file, class N+1 = ' ' (space).  Greedy CTC: argmax per step,
                   collapse repeats, drop blanks.  "alnum" decoding takes the argmax over only
                   {blank, space, 0-9, A-Z, a-z} which is what the ISO 6346 reader needs.
  text           : NFKC, upper case; boxes grouped into lines (vertical overlap), lines joined
                   by '|' in blocks (a line right under a line it overlaps follows it); the
                   scorer removes spaces and the '|' and looks for the code as a substring.
"""
import argparse
import json
import math
import os
import statistics
import sys
import time
import unicodedata

import numpy as np

try:
    import cv2
except ImportError:  # pragma: no cover
    sys.exit("ocr_reference: needs python3-opencv (Debian) - run with /usr/bin/python3")

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DET_SIZE = 640
REC_H, REC_W = 48, 320
DET_MEAN = np.array([0.485, 0.456, 0.406], np.float32)
DET_STD = np.array([0.229, 0.224, 0.225], np.float32)

# name -> (detector file, recogniser file, dictionary file), relative to a candidates folder.
CANDIDATES = {
    "PP-OCRv6-tiny": ("PP-OCRv6_tiny_det.onnx", "PP-OCRv6_tiny_rec.onnx", "PP-OCRv6_tiny_dict.txt"),
    "PP-OCRv6-small": ("PP-OCRv6_small_det.onnx", "PP-OCRv6_small_rec.onnx", "PP-OCRv6_small_dict.txt"),
    "PP-OCRv4": ("PP-OCRv4_det.onnx", "PP-OCRv4_rec.onnx", "PP-OCRv4_dict.txt"),
    "PP-OCRv5": ("PP-OCRv5_det.onnx", "PP-OCRv5_rec.onnx", "PP-OCRv5_dict.txt"),
}


def load_dict(path):
    """One character per line; line i (1-based) is class i; class 0 = blank; class N+1 = space."""
    with open(path, "rb") as f:
        text = f.read().decode("utf-8")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [l[:-1] if l.endswith("\r") else l for l in lines]


class Recogniser:
    def __init__(self, path, dict_path):
        self.net = cv2.dnn.readNetFromONNX(path)
        self.chars = load_dict(dict_path)
        self.labels = [""] + self.chars + [" "]
        keep = [0, len(self.chars) + 1] + [i + 1 for i, c in enumerate(self.chars)
                                            if len(c) == 1 and c.isascii() and c.isalnum()]
        self.alnum = np.array(sorted(keep))

    @staticmethod
    def blob(crop):
        h, w = crop.shape[:2]
        rw = min(REC_W, max(1, int(math.ceil(REC_H * w / float(h)))))
        r = cv2.resize(crop, (rw, REC_H), interpolation=cv2.INTER_LINEAR).astype(np.float32)
        r = (r / 255.0 - 0.5) / 0.5
        x = np.zeros((1, 3, REC_H, REC_W), np.float32)
        x[0, :, :, :rw] = r.transpose(2, 0, 1)
        return x

    def run(self, crop):
        self.net.setInput(self.blob(crop))
        out = self.net.forward()
        probs = out.reshape(out.shape[-2], out.shape[-1])
        if probs.shape[1] != len(self.labels):
            raise RuntimeError("recogniser has %d classes, dictionary gives %d"
                               % (probs.shape[1], len(self.labels)))
        return probs

    def decode(self, probs, alnum=False):
        if alnum:
            sub = probs[:, self.alnum]
            idx = self.alnum[sub.argmax(1)]
        else:
            idx = probs.argmax(1)
        conf = probs[np.arange(len(idx)), idx]
        text, scores, prev = [], [], -1
        for i, c in zip(idx, conf):
            if i != prev and i != 0:
                text.append(self.labels[i])
                scores.append(float(c))
            prev = i
        return "".join(text), (float(np.mean(scores)) if scores else 0.0)


class Detector:
    def __init__(self, path):
        self.net = cv2.dnn.readNetFromONNX(path)

    @staticmethod
    def blob(img):
        h, w = img.shape[:2]
        s = DET_SIZE / float(max(h, w))
        nw, nh = max(1, int(round(w * s))), max(1, int(round(h * s)))
        r = cv2.resize(img, (nw, nh), interpolation=cv2.INTER_AREA if s < 1 else cv2.INTER_LINEAR)
        x = np.zeros((DET_SIZE, DET_SIZE, 3), np.float32)
        x[:nh, :nw] = (r.astype(np.float32) / 255.0 - DET_MEAN) / DET_STD
        return x.transpose(2, 0, 1)[None].copy(), s, nw, nh

    def prob_map(self, img):
        x, s, nw, nh = self.blob(img)
        self.net.setInput(x)
        out = self.net.forward()
        return out.reshape(DET_SIZE, DET_SIZE)[:nh, :nw], s


def db_boxes(prob, thresh=0.3, box_thresh=0.5, unclip_ratio=1.6, max_candidates=1000):
    """DB post-processing. Returns [((cx, cy), (w, h), angle), score] in prob-map pixels."""
    bitmap = (prob > thresh).astype(np.uint8)
    contours, _ = cv2.findContours(bitmap, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    out = []
    for c in contours[:max_candidates]:
        (cx, cy), (w, h), a = cv2.minAreaRect(c)
        if min(w, h) < 3:
            continue
        x0, y0, bw, bh = cv2.boundingRect(c)
        mask = np.zeros((bh, bw), np.uint8)
        cv2.fillPoly(mask, [c.reshape(-1, 2) - [x0, y0]], 1)
        score = cv2.mean(prob[y0:y0 + bh, x0:x0 + bw], mask)[0]
        if score < box_thresh:
            continue
        d = w * h * unclip_ratio / (2.0 * (w + h))
        w, h = w + 2 * d, h + 2 * d
        if min(w, h) < 5:
            continue
        out.append((((cx, cy), (w, h), a), score))
    return out


def tiles_for(img_shape):
    """Whole image plus, for large images, overlapping square tiles (x0, y0, x1, y1)."""
    h, w = img_shape[:2]
    regions = [(0, 0, w, h)]
    long_side = max(h, w)
    if long_side <= 800:
        return regions
    side = int(min(min(h, w), max(DET_SIZE, long_side / 2)))
    step = int(side * 0.85)

    def starts(n):
        if n <= side:
            return [0]
        k = int(math.ceil((n - side) / float(step))) + 1
        return [int(round(i * (n - side) / float(k - 1))) for i in range(k)]

    for y0 in starts(h):
        for x0 in starts(w):
            regions.append((x0, y0, x0 + side, y0 + side))
    return regions


def order_box(rect):
    pts = cv2.boxPoints(rect)
    # top-left first, clockwise
    s = pts.sum(1)
    tl = pts[np.argmin(s)]
    br = pts[np.argmax(s)]
    rest = [p for i, p in enumerate(pts) if i not in (np.argmin(s), np.argmax(s))]
    if len(rest) != 2:
        rest = [pts[1], pts[3]]
    d = [p[0] - p[1] for p in rest]
    tr = rest[int(np.argmax(d))]
    bl = rest[int(np.argmin(d))]
    return np.array([tl, tr, br, bl], np.float32)


def crop_rect(img, quad):
    tl, tr, br, bl = quad
    w = int(round(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))))
    h = int(round(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))))
    if w < 2 or h < 2:
        return None
    dst = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    m = cv2.getPerspectiveTransform(quad, dst)
    return cv2.warpPerspective(img, m, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def split_vertical(crop):
    """Cut a tall crop of stacked characters into single characters, laid out side by side."""
    h, w = crop.shape[:2]
    g = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
    _, b = cv2.threshold(g, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # text is the minority colour
    if (b > 0).mean() > 0.5:
        b = 255 - b
    rows = (b > 0).sum(1) > max(1, 0.08 * w)
    segs, start = [], None
    for y, on in enumerate(list(rows) + [False]):
        if on and start is None:
            start = y
        elif not on and start is not None:
            if y - start >= 0.3 * w:
                segs.append((start, y))
            start = None
    n_est = max(1, int(round(h / (1.1 * w))))
    if not (0.6 * n_est <= len(segs) <= 1.5 * n_est):
        step = h / float(n_est)
        segs = [(int(i * step), int((i + 1) * step)) for i in range(n_est)]
    pad = max(2, w // 4)
    pieces = []
    for y0, y1 in segs:
        y0, y1 = max(0, y0 - 2), min(h, y1 + 2)
        p = crop[y0:y1]
        ph = y1 - y0
        canvas = np.full((max(ph, 1), w + pad, 3), np.median(crop.reshape(-1, 3), 0), np.uint8)
        canvas[:ph, :w] = p
        pieces.append(canvas)
    hh = max(p.shape[0] for p in pieces)
    pieces = [cv2.copyMakeBorder(p, 0, hh - p.shape[0], 0, 0, cv2.BORDER_REPLICATE) for p in pieces]
    return np.hstack(pieces)


def group_lines(items):
    """items: list of (quad, text), quad = tl, tr, br, bl.  Chains boxes into text lines along
    each box's own baseline direction (tilted text stays one line), left to right; returns the
    lines' texts, top to bottom."""
    boxes = []
    for quad, text in items:
        tl, tr, br, bl = quad
        c = quad.mean(0)
        u = ((tr - tl) + (br - bl)) / 2.0
        length = float(np.linalg.norm(u))
        u = u / length if length > 0 else np.array([1.0, 0.0])
        h = float((np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2.0)
        boxes.append({"c": c, "u": u, "len": length, "h": max(h, 1.0), "text": text})
    boxes.sort(key=lambda b: b["c"][0] - b["len"] / 2)
    lines = []
    for b in boxes:
        best, best_d = None, None
        for ln in lines:
            a = ln[-1]
            if not (0.5 < b["h"] / a["h"] < 2.0):
                continue
            v = b["c"] - a["c"]
            along = float(v @ a["u"])
            across = abs(float(v[0] * a["u"][1] - v[1] * a["u"][0]))
            gap = along - (a["len"] + b["len"]) / 2.0
            if along <= 0 or across > 0.5 * max(a["h"], b["h"]) or gap > 3.0 * max(a["h"], b["h"]):
                continue
            if best is None or gap < best_d:
                best, best_d = ln, gap
        if best is None:
            lines.append([b])
        else:
            best.append(b)
    # blocks: a line directly under another one that it overlaps horizontally continues the
    # same block (owner code over serial on reefers, size/type code under the serial).
    info = []
    for ln in lines:
        xs = [b["c"][0] + s * b["len"] / 2 * abs(b["u"][0]) for b in ln for s in (-1, 1)]
        ys = [b["c"][1] + s * b["h"] / 2 for b in ln for s in (-1, 1)]
        info.append({"x0": min(xs), "x1": max(xs), "y0": min(ys), "y1": max(ys),
                     "h": float(np.median([b["h"] for b in ln])),
                     "text": " ".join(b["text"] for b in ln)})
    info.sort(key=lambda l: l["y0"])
    blocks = []
    for l in info:
        best, best_gap = None, None
        for bl in blocks:
            m = bl[-1]
            ov = min(m["x1"], l["x1"]) - max(m["x0"], l["x0"])
            gap = l["y0"] - m["y1"]
            hh = max(m["h"], l["h"])
            if ov > 0.3 * min(m["x1"] - m["x0"], l["x1"] - l["x0"]) and -0.5 * hh < gap < 1.5 * hh:
                if best is None or gap < best_gap:
                    best, best_gap = bl, gap
        if best is None:
            blocks.append([l])
        else:
            best.append(l)
    return [l["text"] for bl in blocks for l in bl]


def normalise(text):
    return unicodedata.normalize("NFKC", text).upper()


class Pipeline:
    def __init__(self, det_path, rec_path, dict_path, thresh=0.3, box_thresh=0.5, unclip=1.6,
                 tiles=True, vertical=True):
        self.det = Detector(det_path)
        self.rec = Recogniser(rec_path, dict_path)
        self.thresh, self.box_thresh, self.unclip = thresh, box_thresh, unclip
        self.tiles, self.vertical = tiles, vertical

    def detect(self, img, t):
        """Returns list of (quad in image coords, region index)."""
        quads = []
        regions = tiles_for(img.shape) if self.tiles else [(0, 0, img.shape[1], img.shape[0])]
        for ri, (x0, y0, x1, y1) in enumerate(regions):
            t0 = time.perf_counter()
            prob, s = self.det.prob_map(img[y0:y1, x0:x1])
            t1 = time.perf_counter()
            for rect, score in db_boxes(prob, self.thresh, self.box_thresh, self.unclip):
                (cx, cy), (w, h), a = rect
                rect_img = ((cx / s + x0, cy / s + y0), (w / s, h / s), a)
                quads.append((order_box(rect_img), ri))
            t2 = time.perf_counter()
            t["det_forward"] += t1 - t0
            t["det_post"] += t2 - t1
            t["det_runs"] += 1
        return quads, len(regions)

    def read_crop(self, crop, t):
        t0 = time.perf_counter()
        probs = self.rec.run(crop)
        t["rec_forward"] += time.perf_counter() - t0
        t["rec_runs"] += 1
        return {"raw": self.rec.decode(probs)[0], "alnum": self.rec.decode(probs, alnum=True)[0]}

    def read(self, img):
        """Returns ({"raw": text, "alnum": text}, timings).  Text: per detector region, the
        horizontal lines top to bottom joined by '|', then every read of each vertical box
        (upright, rotated both ways, split into characters) as lines of its own; regions are
        joined by '||'."""
        t = {"det_forward": 0.0, "det_post": 0.0, "det_runs": 0, "rec_forward": 0.0,
             "rec_runs": 0, "crop": 0.0}
        quads, nreg = self.detect(img, t)
        horiz = {m: [[] for _ in range(nreg)] for m in ("raw", "alnum")}
        vert = {m: [[] for _ in range(nreg)] for m in ("raw", "alnum")}
        for quad, ri in quads:
            t0 = time.perf_counter()
            crop = crop_rect(img, quad)
            t["crop"] += time.perf_counter() - t0
            if crop is None:
                continue
            h, w = crop.shape[:2]
            if h > 1.5 * w:
                t0 = time.perf_counter()
                variants = [crop, cv2.rotate(crop, cv2.ROTATE_90_COUNTERCLOCKWISE),
                            cv2.rotate(crop, cv2.ROTATE_90_CLOCKWISE)]
                if self.vertical and h > 2.5 * w:
                    variants.append(split_vertical(crop))
                t["crop"] += time.perf_counter() - t0
                reads = [self.read_crop(v, t) for v in variants]
                # the upright read of a single tall character (a boxed check digit) belongs to
                # its line as well
                for m in ("raw", "alnum"):
                    horiz[m][ri].append((quad, reads[0][m]))
                    vert[m][ri].extend(r[m] for r in reads[1:])
            else:
                r = self.read_crop(crop, t)
                for m in ("raw", "alnum"):
                    horiz[m][ri].append((quad, r[m]))
        result = {}
        for m in ("raw", "alnum"):
            blocks = []
            for ri in range(nreg):
                lines = group_lines(horiz[m][ri]) + vert[m][ri]
                blocks.append("|".join(normalise(l) for l in lines))
            result[m] = "||".join(blocks)
        return result, t


def score_code(code, text):
    s = text.replace(" ", "").replace("|", "")
    full_known = "?" not in code
    return {
        "full": full_known and code in s,
        "owner4": code[:4] in s,
        "serial6": code[4:10] in s,
        "check": full_known and code[4:11] in s,
    }


def realdata_dir(arg):
    candidates = [arg] if arg else [os.environ.get("PORTSIGHT_REALDATA"),
                                    os.path.join(REPO, "..", "shared", "realdata")]
    for d in candidates:
        if d and os.path.isfile(os.path.join(d, "labels.json")):
            return os.path.abspath(d)
    return None


def benchmark(pairs, data, args):
    labels = json.load(open(os.path.join(data, "labels.json")))
    labels = [e for e in labels if e.get("codes")]
    if args.limit:
        labels = labels[:args.limit]
    n_codes = sum(len(e["codes"]) for e in labels)
    n_full = sum(1 for e in labels for c in e["codes"] if "?" not in c["code"])
    rows = []
    dump = {}
    for name, (det, rec, dic) in pairs.items():
        p = Pipeline(det, rec, dic, args.thresh, args.box_thresh, args.unclip, not args.no_tiles,
                     not args.no_vertical_split)
        # warm up both nets once
        p.det.prob_map(np.zeros((64, 64, 3), np.uint8))
        p.rec.run(np.zeros((48, 100, 3), np.uint8))
        hits = {m: {"full": 0, "owner4": 0, "serial6": 0, "check": 0} for m in ("raw", "alnum")}
        times = {"total": [], "det_forward_per_run": [], "det_post": [], "rec_per_crop": [],
                 "rec_total": [], "crops": [], "det_runs": []}
        misses = []
        for e in labels:
            img = cv2.imread(os.path.join(data, e["file"]), cv2.IMREAD_COLOR)
            t0 = time.perf_counter()
            text, t = p.read(img)
            total = time.perf_counter() - t0
            times["total"].append(total * 1000)
            times["det_forward_per_run"].append(t["det_forward"] / max(1, t["det_runs"]) * 1000)
            times["det_post"].append(t["det_post"] * 1000)
            times["rec_per_crop"].append(t["rec_forward"] / max(1, t["rec_runs"]) * 1000)
            times["rec_total"].append(t["rec_forward"] * 1000)
            times["crops"].append(t["rec_runs"])
            times["det_runs"].append(t["det_runs"])
            for c in e["codes"]:
                for m in ("raw", "alnum"):
                    sc = score_code(c["code"], text[m])
                    for k, v in sc.items():
                        hits[m][k] += int(v)
                if not score_code(c["code"], text["alnum"])["full"] and "?" not in c["code"]:
                    misses.append((e["file"], c["code"]))
            if args.dump:
                dump.setdefault(name, {})[e["file"]] = {"text": text, "ms": total * 1000, "t": t}
            if args.verbose:
                print("  %-50s %6.0f ms  %s" % (e["file"], total * 1000,
                                                text["alnum"].replace(" ", "")[:300]), flush=True)
        med = {k: statistics.median(v) for k, v in times.items()}
        rows.append((name, hits, med))
        print("%s: full %d/%d (alnum %d), owner4 %d/%d, serial6 %d/%d, serial+check %d/%d; "
              "median ms/image %.0f (det %.0f ms/run x %d runs, post %.0f, rec %.1f ms/crop x %d)"
              % (name, hits["raw"]["full"], n_full, hits["alnum"]["full"], hits["raw"]["owner4"],
                 n_codes, hits["raw"]["serial6"], n_codes, hits["raw"]["check"], n_full,
                 med["total"], med["det_forward_per_run"], med["det_runs"], med["det_post"],
                 med["rec_per_crop"], med["crops"]), flush=True)
        if args.verbose:
            print("  missed (alnum):", misses)
        if args.dump:
            with open(args.dump, "w") as f:
                json.dump(dump, f, indent=1, ensure_ascii=False)
    print()
    print("| pair | full code (raw) | full code (alnum) | owner+cat 4 | serial 6 | serial+check 7 |"
          " det ms/run | det runs/img | DB post ms/img | rec ms/crop | crops/img | total ms/img |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, hits, med in rows:
        a, r = hits["alnum"], hits["raw"]
        print("| %s | %d/%d | %d/%d | %d (%d) /%d | %d (%d) /%d | %d (%d) /%d | %.0f | %.0f | %.0f | %.1f |"
              " %.0f | %.0f |" % (name, r["full"], n_full, a["full"], n_full, r["owner4"], a["owner4"],
                                  n_codes, r["serial6"], a["serial6"], n_codes, r["check"], a["check"],
                                  n_full, med["det_forward_per_run"], med["det_runs"], med["det_post"],
                                  med["rec_per_crop"], med["crops"], med["total"]))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--models", default=os.path.join(REPO, "models", "ocr"),
                    help="folder with the committed pair (default models/ocr)")
    ap.add_argument("--candidates", help="folder with all converted candidates (convert-ocr-models --all)")
    ap.add_argument("--only", help="comma-separated candidate names (with --candidates); "
                    "det/rec mixes as DETNAME+RECNAME")
    ap.add_argument("--realdata", help="folder with labels.json and images/ (default ../shared/realdata)")
    ap.add_argument("--image", help="read one image and print the text")
    ap.add_argument("--thresh", type=float, default=0.3)
    ap.add_argument("--box-thresh", type=float, default=0.5)
    ap.add_argument("--unclip", type=float, default=1.6)
    ap.add_argument("--no-tiles", action="store_true")
    ap.add_argument("--no-vertical-split", action="store_true")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--dump", help="write every image's recognised text and timings to this JSON file")
    args = ap.parse_args()
    cv2.setNumThreads(1)

    pairs = {}
    if args.candidates:
        names = args.only.split(",") if args.only else list(CANDIDATES)
        for n in names:
            dn, rn = n.split("+") if "+" in n else (n, n)
            det = os.path.join(args.candidates, CANDIDATES[dn][0])
            rec = os.path.join(args.candidates, CANDIDATES[rn][1])
            dic = os.path.join(args.candidates, CANDIDATES[rn][2])
            if all(os.path.isfile(f) for f in (det, rec, dic)):
                pairs[n] = (det, rec, dic)
            else:
                print("ocr_reference: %s not built, skipped" % n)
    else:
        d = args.models
        pairs["committed"] = (os.path.join(d, "text_det.onnx"), os.path.join(d, "text_rec.onnx"),
                              os.path.join(d, "text_rec_dict.txt"))
        if not all(os.path.isfile(f) for f in pairs["committed"]):
            sys.exit("ocr_reference: %s has no text_det.onnx/text_rec.onnx/text_rec_dict.txt; "
                     "run scripts/models/convert-ocr-models" % d)

    if args.image:
        for name, (det, rec, dic) in pairs.items():
            p = Pipeline(det, rec, dic, args.thresh, args.box_thresh, args.unclip, not args.no_tiles,
                         not args.no_vertical_split)
            text, t = p.read(cv2.imread(args.image))
            print(name, "raw  :", text["raw"])
            print(name, "alnum:", text["alnum"])
        return

    data = realdata_dir(args.realdata)
    if data is None:
        print("ocr_reference: no real data (../shared/realdata or $PORTSIGHT_REALDATA); skipped")
        return
    print("ocr_reference: %s, thresh %.2f box_thresh %.2f unclip %.2f tiles %s vertical split %s, "
          "OpenCV %s, 1 thread" % (data, args.thresh, args.box_thresh, args.unclip,
                                   not args.no_tiles, not args.no_vertical_split, cv2.__version__))
    benchmark(pairs, data, args)


if __name__ == "__main__":
    main()
