// Draws a region's seal image (公章) for its documents: a red ring, a star, the organ's name
// round the top and the seal's use below, as a transparent PNG. A real office scans its own
// seal instead (README, "Sealed and signed documents"); this one is for the sample county.
// Usage: npm run seal -- <organ name> <use> <out.png>   (needs a CJK font on the machine)
import { writeFileSync } from 'node:fs';
import sharp from 'sharp';

const [organ = '珠泉县信访局', use = '信访工作专用章', out = 'regions/assets/sample-zhuquan-seal.png'] =
  process.argv.slice(2);
const size = 240;
const r = size / 2;
const chars = [...organ];
// The name round the top, from 150° to 30° (left to right), upright to the ring.
const span = 220;
const letters = chars
  .map((char, i) => {
    const angle = -90 - span / 2 + (span * (i + 0.5)) / chars.length;
    const rad = (angle * Math.PI) / 180;
    const x = r + (r - 46) * Math.cos(rad);
    const y = r + (r - 46) * Math.sin(rad);
    return `<text x="${x}" y="${y}" transform="rotate(${angle + 90} ${x} ${y})" font-size="32" text-anchor="middle" dominant-baseline="central">${char}</text>`;
  })
  .join('');
const star = Array.from({ length: 10 }, (_, i) => {
  const rad = ((i * 36 - 90) * Math.PI) / 180;
  const len = i % 2 ? 17 : 43;
  return `${r + len * Math.cos(rad)},${r + len * Math.sin(rad)}`;
}).join(' ');
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
  <g fill="#d40000" stroke="none" font-family="WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif" opacity="0.88">
    <circle cx="${r}" cy="${r}" r="${r - 6}" fill="none" stroke="#d40000" stroke-width="7"/>
    <polygon points="${star}"/>
    ${letters}
    <text x="${r}" y="${r + 75}" font-size="19" text-anchor="middle">${use}</text>
  </g>
</svg>`;
writeFileSync(out, await sharp(Buffer.from(svg)).png().toBuffer());
console.log(`wrote ${out}`);
