#!/usr/bin/python3
"""Reference detection pipeline in Python + OpenCV's cv2.dnn, with the same YOLOv4-tiny model,
for benchmarks.

Usage:
  /usr/bin/python3 scripts/ref_detect.py CLIP [--mode whole|regions] [--input-size 416]
      [--rate 4] [--fps 25] [--max-frames N]

Per frame: read (cv2.VideoCapture), the reference motion step of scripts/ref_motion.py, then
  whole    cv2.dnn on the whole frame (blobFromImage, stretched to the input size), every frame:
           what most Python detection scripts do;
  regions  Frigate's way, done as Portsight does it: each motion box padded, grown to a square of
           at least the input size at native resolution, and run through cv2.dnn, under the same
           cap on runs per second of footage (--rate, token bucket) as `portsight replay`.
Outputs are decoded (class scores above 0.25) and put through cv2.dnn.NMSBoxes. One JSON summary.
OpenCV runs single-threaded (cv2.setNumThreads(1)), as `portsight replay` does by default.
"""
import argparse
import json
import os
import statistics
import sys
import time

import cv2
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ref_motion import MotionDetector, VideoSource  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL = os.path.join(ROOT, "models", "yolov4-tiny")


def detect(net, names, image, size):
    blob = cv2.dnn.blobFromImage(image, 1 / 255.0, (size, size), swapRB=True, crop=False)
    net.setInput(blob)
    boxes, scores, classes = [], [], []
    h, w = image.shape[:2]
    for out in net.forward(net.getUnconnectedOutLayersNames()):
        for row in out:
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
    ap = argparse.ArgumentParser(description="Python + cv2.dnn reference detection pipeline.")
    ap.add_argument("clip")
    ap.add_argument("--mode", choices=("whole", "regions"), default="regions")
    ap.add_argument("--input-size", type=int, default=416)
    ap.add_argument("--rate", type=float, default=4.0, help="detector runs per second of footage (regions mode)")
    ap.add_argument("--fps", type=float, default=25.0, help="footage frame rate, for the rate cap")
    ap.add_argument("--max-frames", type=int, default=0)
    args = ap.parse_args()
    cv2.setNumThreads(1)
    net = cv2.dnn.readNetFromDarknet(os.path.join(MODEL, "yolov4-tiny.cfg"), os.path.join(MODEL, "yolov4-tiny.weights"))
    names = open(os.path.join(MODEL, "coco.names")).read().split("\n")
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
            found += len(detect(net, names, frame, args.input_size))
            runs += 1
        else:
            for sx, sy, side in squares(boxes, w, h, args.input_size):
                if tokens < 1:
                    break
                tokens -= 1
                found += len(detect(net, names, frame[sy:sy + side, sx:sx + side], args.input_size))
                runs += 1
        detect_ms.append((time.perf_counter() - t0) * 1000)
        frames += 1
    wall = time.perf_counter() - t_start
    src.close()
    print(json.dumps({"clip": args.clip, "mode": args.mode, "frames": frames, "runs": runs, "detections": found,
                      "seconds": round(wall, 3), "fps": round(frames / wall, 2) if wall else 0,
                      "ms_per_run": round(sum(detect_ms) / runs, 2) if runs else 0}))


if __name__ == "__main__":
    main()
