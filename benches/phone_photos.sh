#!/usr/bin/env bash
# Real photos for benches/photos.py, from Debian's wallpaper packages:
# three of 10–16 MP in the frame sizes phone cameras write (5312×2988, the
# 16:9 frame of a 16 MP phone sensor; 4224×3168, a 13 MP 4:3 one;
# 4352×2448) whose EXIF was stripped, and a Nokia N9's 2560×1600 photo
# (its EXIF names the phone).
# The packages ship them progressive; phones write baseline JPEGs, so they
# are turned baseline without touching a coefficient (jpegtran, lossless).
#
#     bash benches/phone_photos.sh DIR      # needs apt-get download, dpkg-deb, jpegtran
set -euo pipefail
out=${1:?usage: phone_photos.sh DIR}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v jpegtran >/dev/null || apt-get install -y -q libjpeg-turbo-progs >/dev/null
(cd "$work" && apt-get download -q lomiri-wallpapers-16.04 plasma-workspace-wallpapers >/dev/null)
for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$work/x"; done
bg=$work/x/usr/share/backgrounds
jpegtran -copy all -optimize -outfile "$out/seeding.jpg" "$bg/seeding_by_Clements_Engelhardt.jpg"
jpegtran -copy all -optimize -outfile "$out/dragonfly.jpg" "$bg/Dragonfly_by_Bolly.jpg"
jpegtran -copy all -optimize -outfile "$out/bridge.jpg" "$bg/Bridge_by_Sander_Klootwijk.jpg"
jpegtran -copy all -optimize -outfile "$out/waterside.jpg" \
    "$work/x/usr/share/wallpapers/BytheWater/contents/images/2560x1600.jpg"
ls -l "$out"
