"""Render the demo video walkthrough "Cài đặt ứng dụng VNeID" with its captions, transcript and chapters.

    .venv/bin/python scripts/make_demo_video.py          # writes campaigns/demo_assets/video/
    .venv/bin/python scripts/make_demo_video.py --check  # checks the files against SLIDES

Slides are drawn with Pillow in Be Vietnam Pro (fontpkg-be-vietnam-pro) and encoded to H.264 by
the ffmpeg that the imageio-ffmpeg wheel carries: nothing is downloaded. The output is committed,
so that `make run` needs none of this. Slide text, timings, captions and chapters all come from SLIDES.
"""

import argparse
import json
import re
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

PROJECT = Path(__file__).resolve().parent.parent
OUTPUT = PROJECT / "campaigns" / "demo_assets" / "video"
STEM = "cai-dat-vneid"
FONTS = Path(__import__("fontpkg_be_vietnam_pro").__file__).parent / "files"
WIDTH, HEIGHT, FPS = 640, 360, 2
BRAND, INK, PAPER = (163, 20, 27), (27, 27, 27), (255, 255, 255)

# (seconds, title, body lines, Vietnamese caption, English caption)
SLIDES = [
    (
        6,
        "Cài đặt ứng dụng VNeID",
        ["Hướng dẫn từng bước cho người dân"],
        "Hướng dẫn cài đặt ứng dụng VNeID và đăng ký tài khoản định danh điện tử.",
        "How to install the VNeID app and register an electronic identity account.",
    ),
    (
        8,
        "Bước 1: Tải ứng dụng",
        ["Mở CH Play hoặc App Store", "Tìm “VNeID” của Bộ Công an, bấm Cài đặt"],
        "Mở CH Play hoặc App Store, tìm VNeID của Bộ Công an và bấm Cài đặt.",
        "Open CH Play or the App Store, find VNeID by the Ministry of Public Security and install it.",
    ),
    (
        8,
        "Bước 2: Chọn Đăng ký",
        ["Nhập số định danh cá nhân (12 số)", "Nhập số điện thoại chính chủ"],
        "Mở ứng dụng, chọn Đăng ký, nhập số định danh cá nhân và số điện thoại chính chủ.",
        "Open the app, choose Register, enter your 12-digit personal ID number and your own phone number.",
    ),
    (
        8,
        "Bước 3: Nhập mã OTP",
        ["Nhập mã 6 số trong tin nhắn", "Không đưa mã OTP cho bất kỳ ai"],
        "Nhập mã OTP trong tin nhắn. Không bao giờ đưa mã OTP cho người khác.",
        "Enter the one-time code from the text message. Never give it to anyone.",
    ),
    (
        8,
        "Bước 4: Đặt mật khẩu",
        ["Có chữ hoa, chữ thường, số và ký tự đặc biệt", "Ghi nhớ, không viết lên điện thoại"],
        "Đặt mật khẩu có chữ hoa, chữ thường, chữ số và ký tự đặc biệt.",
        "Set a password with capitals, small letters, digits and a special character.",
    ),
    (
        8,
        "Bước 5: Xác thực thẻ và khuôn mặt",
        ["Áp thẻ căn cước vào mặt sau điện thoại", "Chụp ảnh khuôn mặt nơi đủ sáng"],
        "Làm theo hướng dẫn để đọc chip trên thẻ căn cước, rồi chụp ảnh khuôn mặt.",
        "Follow the steps to read the chip of your ID card, then take a photo of your face.",
    ),
    (
        8,
        "Bước 6: Nâng lên mức độ 2",
        ["Mang thẻ căn cước đến Công an xã, phường", "để kích hoạt định danh mức độ 2"],
        "Khi tài khoản được duyệt, đến Công an xã, phường để nâng lên mức độ 2.",
        "Once approved, go to your commune or ward police to upgrade to level 2.",
    ),
    (
        6,
        "Cần giúp đỡ?",
        ["Bộ phận Một cửa UBND xã, phường", "Tổ công nghệ số cộng đồng hướng dẫn miễn phí"],
        "Cần giúp đỡ, hãy đến Bộ phận Một cửa của xã, phường. Tổ công nghệ số cộng đồng hướng dẫn miễn phí.",
        "Need help? Visit the one-stop desk of your commune or ward; community digital teams help for free.",
    ),
]


def font(style: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / f"BeVietnamPro-{style}.ttf"), size)


def draw_slide(number: int, title: str, lines: list[str]) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, WIDTH, 56], fill=BRAND)
    draw.text((24, 14), "Loa · Đề án 06", font=font("Bold", 22), fill=PAPER)
    draw.text((WIDTH - 24, 14), f"{number}/{len(SLIDES)}", font=font("Regular", 20), fill=PAPER, anchor="ra")
    draw.text((24, 96), title, font=font("Bold", 30), fill=BRAND)
    for index, line in enumerate(lines):
        draw.text((24, 168 + index * 46), line, font=font("Regular", 26), fill=INK)
    return image


def timestamp(seconds: float) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{int(hours):02d}:{int(minutes):02d}:{secs:06.3f}"


def cues() -> list[tuple[float, float, int]]:
    start, result = 0.0, []
    for index, slide in enumerate(SLIDES):
        result.append((start, start + slide[0], index))
        start += slide[0]
    return result


def webvtt(column: int) -> str:
    blocks = [f"{timestamp(start)} --> {timestamp(end)}\n{SLIDES[index][column]}" for start, end, index in cues()]
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"


def write_video(path: Path) -> None:
    import imageio_ffmpeg

    frames = imageio_ffmpeg.write_frames(
        str(path),
        (WIDTH, HEIGHT),
        fps=FPS,
        codec="libx264",
        quality=None,
        bitrate=None,
        macro_block_size=8,
        output_params=["-crf", "30", "-preset", "veryslow", "-tune", "stillimage", "-movflags", "+faststart"],
        pix_fmt_out="yuv420p",
    )
    frames.send(None)
    for number, (seconds, title, lines, _vi, _en) in enumerate(SLIDES, start=1):
        frame = draw_slide(number, title, lines).tobytes()
        for _ in range(seconds * FPS):
            frames.send(frame)
    frames.close()


def write_all() -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    write_video(OUTPUT / f"{STEM}.mp4")
    draw_slide(1, SLIDES[0][1], SLIDES[0][2]).save(OUTPUT / f"{STEM}-poster.jpg", quality=80)
    (OUTPUT / f"{STEM}.vi.vtt").write_text(webvtt(3), encoding="utf-8")
    (OUTPUT / f"{STEM}.en.vtt").write_text(webvtt(4), encoding="utf-8")
    transcript = "\n\n".join(slide[3] for slide in SLIDES) + "\n"
    (OUTPUT / f"{STEM}.transcript.vi.txt").write_text(transcript, encoding="utf-8")
    chapters = [{"start_seconds": int(start), "title": SLIDES[index][1]} for start, _end, index in cues()]
    (OUTPUT / "chapters.json").write_text(json.dumps(chapters, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def check() -> list[str]:
    problems = []
    for language, column in (("vi", 3), ("en", 4)):
        text = (OUTPUT / f"{STEM}.{language}.vtt").read_text(encoding="utf-8")
        found = re.findall(r"(\d\d:\d\d:\d\d\.\d{3}) --> (\d\d:\d\d:\d\d\.\d{3})\n(.+)", text)
        expected = [(timestamp(start), timestamp(end), SLIDES[index][column]) for start, end, index in cues()]
        if not text.startswith("WEBVTT") or found != expected:
            problems.append(f"{language}.vtt does not match SLIDES")
    with Image.open(OUTPUT / f"{STEM}-poster.jpg") as poster:
        if poster.size != (WIDTH, HEIGHT):
            problems.append("poster size")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if not args.check:
        write_all()
    problems = check()
    for problem in problems:
        print(f"make_demo_video: {problem}", file=sys.stderr)
    for path in sorted(OUTPUT.iterdir()):
        print(f"{path.relative_to(PROJECT)}: {path.stat().st_size:,} bytes")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
