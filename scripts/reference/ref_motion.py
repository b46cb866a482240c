#!/usr/bin/python3
"""Reference motion detector in Python + OpenCV (Frigate's style), for benchmarks.

Usage:
  /usr/bin/python3 scripts/reference/ref_motion.py SOURCE [--work-height 270] [--threshold 25]
      [--alpha 0.05] [--min-area 16] [--dilate 1] [--blur 0] [--max-frames N] [--format json]

SOURCE is a video file (decoded with cv2.VideoCapture(path, cv2.CAP_FFMPEG)) or a
folder of JPEG/PNG images read in name order with cv2.imread (full colour).

Per frame: BGR->GRAY, resize to the work height (aspect kept, INTER_AREA), optional
GaussianBlur (kernel 2*blur+1), absdiff against convertScaleAbs(running average),
THRESH_BINARY at --threshold, 3x3 dilate (--dilate iterations), external contours,
keep contourArea >= --min-area, boundingRect scaled to full-frame coordinates, then
accumulateWeighted(gray_small, avg, alpha). The first frame seeds the average.
Reading and the motion step are timed separately with time.perf_counter.
OpenCV runs single-threaded (cv2.setNumThreads(1)).
"""

import argparse
import json
import os
import statistics
import sys
import time

import cv2
import numpy as np

IMAGE_EXTS = (".jpg", ".jpeg", ".png")


def fail(msg, code=1):
    print("ref_motion: error: %s" % msg, file=sys.stderr)
    sys.exit(code)


class VideoSource:
    def __init__(self, path):
        self.path = path
        self.cap = cv2.VideoCapture(path, cv2.CAP_FFMPEG)
        if not self.cap.isOpened():
            fail("cannot open video %s (not a video FFmpeg can read?)" % path)

    def read(self):
        ok, frame = self.cap.read()
        return frame if ok else None

    def close(self):
        self.cap.release()


class FolderSource:
    def __init__(self, path):
        self.path = path
        names = sorted(n for n in os.listdir(path) if n.lower().endswith(IMAGE_EXTS))
        if not names:
            fail("folder %s contains no .jpg/.jpeg/.png images" % path)
        self.files = [os.path.join(path, n) for n in names]
        self.index = 0

    def read(self):
        if self.index >= len(self.files):
            return None
        p = self.files[self.index]
        self.index += 1
        frame = cv2.imread(p, cv2.IMREAD_COLOR)
        if frame is None:
            fail("cannot read image %s" % p)
        return frame

    def close(self):
        pass


class MotionDetector:
    def __init__(self, width, height, work_height, threshold, alpha, min_area, dilate, blur):
        self.width, self.height = width, height
        self.work_h = work_height
        self.work_w = max(1, int(round(width * self.work_h / float(height))))
        self.scale_x = width / float(self.work_w)
        self.scale_y = height / float(self.work_h)
        self.threshold = threshold
        self.alpha = alpha
        self.min_area = min_area
        self.dilate = dilate
        self.blur = blur
        self.kernel = np.ones((3, 3), np.uint8)
        self.avg = None

    def detect(self, frame):
        """Returns the motion boxes [x, y, w, h] in full-frame coordinates."""
        gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        if (self.work_w, self.work_h) != (gray.shape[1], gray.shape[0]):
            gray = cv2.resize(gray, (self.work_w, self.work_h), interpolation=cv2.INTER_AREA)
        if self.blur > 0:
            k = 2 * self.blur + 1
            gray = cv2.GaussianBlur(gray, (k, k), 0)
        if self.avg is None:
            self.avg = gray.astype(np.float32)
            return []
        delta = cv2.absdiff(gray, cv2.convertScaleAbs(self.avg))
        _, mask = cv2.threshold(delta, self.threshold, 255, cv2.THRESH_BINARY)
        if self.dilate > 0:
            mask = cv2.dilate(mask, self.kernel, iterations=self.dilate)
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        boxes = []
        for c in contours:
            if cv2.contourArea(c) >= self.min_area:
                x, y, w, h = cv2.boundingRect(c)
                boxes.append([int(x * self.scale_x), int(y * self.scale_y),
                              int(round(w * self.scale_x)), int(round(h * self.scale_y))])
        cv2.accumulateWeighted(gray, self.avg, self.alpha)
        return boxes


def main():
    ap = argparse.ArgumentParser(description="Python + OpenCV reference motion detector (Frigate style).")
    ap.add_argument("source", help="video file, or folder of JPEG/PNG frames (name order)")
    ap.add_argument("--work-height", type=int, default=270, help="motion work height in px (default 270)")
    ap.add_argument("--threshold", type=int, default=25, help="binary threshold on |frame - avg| (default 25)")
    ap.add_argument("--alpha", type=float, default=0.05, help="running-average weight (default 0.05)")
    ap.add_argument("--min-area", type=float, default=16, help="min contour area at work size (default 16)")
    ap.add_argument("--dilate", type=int, default=1, help="3x3 dilate iterations (default 1)")
    ap.add_argument("--blur", type=int, default=0, help="GaussianBlur radius; kernel 2*blur+1; 0 = off")
    ap.add_argument("--max-frames", type=int, default=0, help="stop after N frames (0 = all)")
    ap.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    ap.add_argument("--dump-regions", metavar="PATH",
                    help="also write per-frame motion boxes as JSON to PATH")
    args = ap.parse_args()

    if args.work_height < 1:
        ap.error("--work-height must be >= 1")
    if not 0 <= args.threshold <= 255:
        ap.error("--threshold must be in 0..255")
    if not 0.0 < args.alpha <= 1.0:
        ap.error("--alpha must be in (0, 1]")
    if args.min_area < 0 or args.dilate < 0 or args.blur < 0 or args.max_frames < 0:
        ap.error("--min-area, --dilate, --blur and --max-frames must not be negative")

    cv2.setNumThreads(1)

    if not os.path.exists(args.source):
        fail("no such file or folder: %s" % args.source)
    if os.path.isdir(args.source):
        src = FolderSource(args.source)
    elif os.path.isfile(args.source):
        src = VideoSource(args.source)
    else:
        fail("not a regular file or folder: %s" % args.source)

    read_ms, motion_ms = [], []
    regions_total = 0
    dump = [] if args.dump_regions else None
    detector = None
    width = height = 0

    loop_t0 = time.perf_counter()
    while args.max_frames == 0 or len(read_ms) < args.max_frames:
        t0 = time.perf_counter()
        frame = src.read()
        t1 = time.perf_counter()
        if frame is None:
            break
        if detector is None:
            height, width = frame.shape[:2]
            detector = MotionDetector(width, height, args.work_height, args.threshold, args.alpha,
                                      args.min_area, args.dilate, args.blur)
        elif frame.shape[:2] != (height, width):
            fail("frame %d is %dx%d, expected %dx%d" % (len(read_ms), frame.shape[1], frame.shape[0],
                                                        width, height))
        boxes = detector.detect(frame)
        t2 = time.perf_counter()
        read_ms.append((t1 - t0) * 1000.0)
        motion_ms.append((t2 - t1) * 1000.0)
        regions_total += len(boxes)
        if dump is not None:
            dump.append({"frame": len(read_ms) - 1, "boxes": boxes})
    wall = time.perf_counter() - loop_t0
    src.close()

    n = len(read_ms)
    if n == 0:
        fail("no frames could be decoded from %s" % args.source)

    if dump is not None:
        with open(args.dump_regions, "w") as fh:
            json.dump({"source": args.source, "width": width, "height": height, "frames": dump}, fh)
            fh.write("\n")

    result = {
        "source": args.source,
        "frames": n,
        "width": width,
        "height": height,
        "median_ms": {"read": round(statistics.median(read_ms), 4),
                      "motion": round(statistics.median(motion_ms), 4)},
        "mean_ms": {"read": round(statistics.fmean(read_ms), 4),
                    "motion": round(statistics.fmean(motion_ms), 4)},
        "fps": round(n / wall, 3) if wall > 0 else None,
        "regions_total": regions_total,
    }
    if args.format == "json":
        print(json.dumps(result))
    else:
        print("%s: %d frames %dx%d, read median %.2f ms (mean %.2f), motion median %.2f ms (mean %.2f), "
              "%.1f fps, %d regions" % (args.source, n, width, height, result["median_ms"]["read"],
                                        result["mean_ms"]["read"], result["median_ms"]["motion"],
                                        result["mean_ms"]["motion"], result["fps"] or 0.0, regions_total))


if __name__ == "__main__":
    main()
