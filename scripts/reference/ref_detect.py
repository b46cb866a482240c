#!/usr/bin/python3
"""Reference detection pipeline in Python, with the same YOLOv4-tiny model, for benchmarks: run by
OpenCV's cv2.dnn (the Darknet files) or by OpenVINO's Python API (the converted ONNX).

Usage:
  /usr/bin/python3 scripts/reference/ref_detect.py CLIP [--mode whole|regions] [--input-size 416]
      [--rate 4] [--fps 25] [--max-frames N] [--backend opencv|openvino] [--venv DIR] [--dump FILE]

Per frame: read (cv2.VideoCapture), the reference motion step of scripts/reference/ref_motion.py, then
  whole    the detector on the whole frame (blobFromImage, stretched to the input size), every frame:
           what most Python detection scripts do;
  regions  Frigate's way, done as Portsight does it: each motion box padded, grown to a square of
           at least the input size at native resolution, and run through the detector, under the same
           cap on runs per second of footage (--rate, token bucket) as `portsight replay`. The crops
           are square, so scaling them to the input is the letterbox Portsight does, with no padding.
Preprocessing (cv2.dnn.blobFromImage: resize, BGR->RGB, /255) and decoding are shared by both
backends: outputs are decoded (class scores above 0.25) and put through cv2.dnn.NMSBoxes.
Backends (--backend):
  opencv    cv2.dnn.readNetFromDarknet(yolov4-tiny.cfg, .weights), cv2.setNumThreads(1), as
            `portsight replay --backend opencv` does by default. Runs with Debian's /usr/bin/python3.
  openvino  models/yolov4-tiny/yolov4-tiny.onnx (scripts/models/darknet-to-onnx) through OpenVINO's Python
            API on the CPU, Frigate's CPU path: reshaped to 1x3xSxS and compiled once per input
            shape, before the clock starts, with INFERENCE_PRECISION_HINT f32, INFERENCE_NUM_THREADS 1,
            PERFORMANCE_HINT LATENCY. Needs the openvino package: when this python lacks it, the script
            re-runs itself with DIR/bin/python (--venv, else $PORTSIGHT_OV_VENV, else .build/bench-venv,
            which scripts/bench makes: /usr/bin/python3 -m venv --system-site-packages + the wheel).
One JSON summary on stdout. --dump FILE writes one JSON line per detector run (frame, region
[x, y, side] or null, detections [label, score, [x, y, w, h] in the region]), to compare backends.
"""
import argparse
import importlib.util
import json
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODEL = os.path.join(ROOT, "models", "yolov4-tiny")
DEFAULT_VENV = os.path.join(ROOT, ".build", "bench-venv")


def fail(msg):
    print("ref_detect: error: %s" % msg, file=sys.stderr)
    sys.exit(1)


def ensure_openvino(venv):
    """Re-runs this script with the venv's python when this one cannot import openvino."""
    if importlib.util.find_spec("openvino") is not None:
        return
    venv = venv or os.environ.get("PORTSIGHT_OV_VENV") or DEFAULT_VENV
    python = os.path.join(venv, "bin", "python")
    if os.environ.get("REF_DETECT_REEXEC") or not os.path.exists(python):
        fail("--backend openvino needs the openvino package; %s has none and there is no usable venv at %s "
             "(scripts/bench makes one, or pass --venv DIR / PORTSIGHT_OV_VENV)" % (sys.executable, venv))
    os.environ["REF_DETECT_REEXEC"] = "1"
    os.execv(python, [python, os.path.abspath(__file__)] + sys.argv[1:])


class OpenCVNet:
    """YOLOv4-tiny from the Darknet files through cv2.dnn."""

    def __init__(self):
        import cv2
        self.net = cv2.dnn.readNetFromDarknet(os.path.join(MODEL, "yolov4-tiny.cfg"),
                                              os.path.join(MODEL, "yolov4-tiny.weights"))
        self.outputs = self.net.getUnconnectedOutLayersNames()
        self.label = "cv2.dnn %s" % cv2.__version__

    def prepare(self, size):
        pass

    def forward(self, blob):
        self.net.setInput(blob)
        return self.net.forward(self.outputs)


class OpenVINONet:
    """The converted ONNX through OpenVINO's Python API, one compiled model per input shape."""

    CONFIG = {"INFERENCE_PRECISION_HINT": "f32", "INFERENCE_NUM_THREADS": 1, "PERFORMANCE_HINT": "LATENCY"}

    def __init__(self):
        import openvino as ov
        self.path = os.path.join(MODEL, "yolov4-tiny.onnx")
        if not os.path.exists(self.path):
            fail("%s is missing; run scripts/get-models" % self.path)
        self.core = ov.Core()
        self.compiled = {}
        self.label = "OpenVINO %s" % ov.get_version()

    def prepare(self, size):
        self._request((1, 3, size, size))

    def _request(self, shape):
        entry = self.compiled.get(shape)
        if entry is None:
            model = self.core.read_model(self.path)
            model.reshape({"images": list(shape)})
            compiled = self.core.compile_model(model, "CPU", self.CONFIG)
            entry = (compiled.create_infer_request(), [o.get_any_name() for o in compiled.outputs])
            self.compiled[shape] = entry
        return entry

    def forward(self, blob):
        request, names = self._request(tuple(blob.shape))
        request.infer({"images": blob})
        return [request.get_tensor(name).data for name in names]


def detect(net, names, image, size):
    import cv2
    import numpy as np
    blob = cv2.dnn.blobFromImage(image, 1 / 255.0, (size, size), swapRB=True, crop=False)
    boxes, scores, classes = [], [], []
    h, w = image.shape[:2]
    for out in net.forward(blob):
        for row in out.reshape(-1, out.shape[-1]):
            c = int(np.argmax(row[5:]))
            s = float(row[5 + c])
            if s >= 0.25:
                cx, cy, bw, bh = row[0] * w, row[1] * h, row[2] * w, row[3] * h
                boxes.append([int(cx - bw / 2), int(cy - bh / 2), int(bw), int(bh)])
                scores.append(s)
                classes.append(c)
    keep = cv2.dnn.NMSBoxes(boxes, scores, 0.25, 0.45) if boxes else []
    return [(names[classes[i]], scores[i], boxes[i]) for i in np.array(keep).flatten()]


def squares(boxes, width, height, size):
    out = []
    for x, y, w, h in boxes:
        pad = max(16, int(max(w, h) * 0.15))
        x0, y0, x1, y1 = max(0, x - pad), max(0, y - pad), min(width, x + w + pad), min(height, y + h + pad)
        side = min(max(size, x1 - x0, y1 - y0), width, height)
        sx = min(max(0, (x0 + x1) // 2 - side // 2), width - side)
        sy = min(max(0, (y0 + y1) // 2 - side // 2), height - side)
        out.append((sx, sy, side))
    return out


def main():
    ap = argparse.ArgumentParser(description="Python reference detection pipeline (cv2.dnn or OpenVINO).")
    ap.add_argument("clip")
    ap.add_argument("--mode", choices=("whole", "regions"), default="regions")
    ap.add_argument("--input-size", type=int, default=416)
    ap.add_argument("--rate", type=float, default=4.0, help="detector runs per second of footage (regions mode)")
    ap.add_argument("--fps", type=float, default=25.0, help="footage frame rate, for the rate cap")
    ap.add_argument("--max-frames", type=int, default=0)
    ap.add_argument("--backend", choices=("opencv", "openvino"), default="opencv")
    ap.add_argument("--venv", help="venv with the openvino package (default $PORTSIGHT_OV_VENV or .build/bench-venv)")
    ap.add_argument("--dump", help="write every detector run's detections to this file (JSON lines)")
    args = ap.parse_args()
    if args.backend == "openvino":
        ensure_openvino(args.venv)

    import cv2
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from ref_motion import VideoSource, MotionDetector

    cv2.setNumThreads(1)
    net = OpenVINONet() if args.backend == "openvino" else OpenCVNet()
    net.prepare(args.input_size)
    names = open(os.path.join(MODEL, "coco.names")).read().split("\n")
    dump = open(args.dump, "w") if args.dump else None
    src = VideoSource(args.clip)
    motion, frames, runs, found = None, 0, 0, 0
    tokens, last = max(1.0, args.rate), 0.0
    detect_ms = []
    t_start = time.perf_counter()
    while args.max_frames == 0 or frames < args.max_frames:
        frame = src.read()
        if frame is None:
            break
        h, w = frame.shape[:2]
        if motion is None:
            motion = MotionDetector(w, h, 270, 25, 0.05, 16, 1, 0)
        boxes = motion.detect(frame)
        t = frames / args.fps
        tokens = min(max(1.0, args.rate), tokens + (t - last) * args.rate)
        last = t
        t0 = time.perf_counter()
        if args.mode == "whole":
            regions = [None]
        else:
            regions = squares(boxes, w, h, args.input_size)
        for region in regions:
            if region is None:
                crop = frame
            else:
                if tokens < 1:
                    break
                tokens -= 1
                sx, sy, side = region
                crop = frame[sy:sy + side, sx:sx + side]
            found_here = detect(net, names, crop, args.input_size)
            found += len(found_here)
            runs += 1
            if dump:
                dump.write(json.dumps({"frame": frames, "region": region,
                                       "detections": [[n, round(s, 5), b] for n, s, b in found_here]}) + "\n")
        detect_ms.append((time.perf_counter() - t0) * 1000)
        frames += 1
    wall = time.perf_counter() - t_start
    src.close()
    if dump:
        dump.close()
    print(json.dumps({"clip": args.clip, "backend": args.backend, "runtime": net.label, "mode": args.mode,
                      "frames": frames, "runs": runs, "detections": found,
                      "seconds": round(wall, 3), "fps": round(frames / wall, 2) if wall else 0,
                      "ms_per_run": round(sum(detect_ms) / runs, 2) if runs else 0}))


if __name__ == "__main__":
    main()
