"""Reading a QR code as a phone would: OpenCV's detector, and zbar when it is installed.

OpenCV sometimes misses a perfectly clean code with very large modules; zbar (Debian's
zbar-tools, installed by .ci/run) reads those. A code passes if either decoder reads it.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

import cv2
import numpy as np
from PIL import Image


def decode_qr(image: Image.Image) -> str:
    grey = image.convert("L")
    value, _points, _ = cv2.QRCodeDetector().detectAndDecode(np.array(grey))
    if value or not shutil.which("zbarimg"):
        return value
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "code.png"
        grey.save(path)
        result = subprocess.run(
            ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
    return result.stdout.strip()
