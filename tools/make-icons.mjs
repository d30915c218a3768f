#!/usr/bin/env node
// Draws the toolbar and store icons (a blue shield with a white check) into extension/icons/.
// Run by hand when the design changes; the PNGs are committed. No dependencies: a minimal PNG encoder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { crc32 } from './crc32.mjs';

const SIZES = [16, 32, 48, 128];
const SHIELD = [0x1d, 0x4e, 0xd8];
const CHECK = [0xff, 0xff, 0xff];
const SAMPLES = 4; // supersampling per axis, for anti-aliased edges

function inShield(x, y) {
  const halfWidth = 0.34;
  if (y < 0.08 || y > 0.94) return false;
  if (y <= 0.5) return Math.abs(x - 0.5) <= halfWidth;
  return Math.abs(x - 0.5) <= halfWidth * Math.cos(((y - 0.5) / 0.44) * (Math.PI / 2));
}

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function inCheck(x, y) {
  const a = [0.32, 0.5];
  const b = [0.45, 0.64];
  const c = [0.69, 0.36];
  return Math.min(distanceToSegment(x, y, a, b), distanceToSegment(x, y, b, c)) <= 0.055;
}

function pixels(size) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let shield = 0;
      let check = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / size;
          const y = (py + (sy + 0.5) / SAMPLES) / size;
          if (inShield(x, y)) (inCheck(x, y) ? check++ : shield++);
        }
      }
      const covered = shield + check;
      const o = (py * size + px) * 4;
      for (let i = 0; i < 3; i++) {
        rgba[o + i] = covered ? Math.round((SHIELD[i] * shield + CHECK[i] * check) / covered) : 0;
      }
      rgba[o + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
    }
  }
  return rgba;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

function png(size) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit depth, RGBA, deflate, no filter method, no interlace
  const rgba = pixels(size);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = new URL('../extension/icons/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const size of SIZES) writeFileSync(new URL(`icon-${size}.png`, dir), png(size));
console.log(`wrote ${SIZES.map((s) => `icon-${s}.png`).join(', ')} to extension/icons/`);
