import { writeFile } from 'node:fs/promises';
import QRCode from 'qrcode';

/**
 * A Y4M video (what Chromium's fake camera plays) whose frames show `text` as a QR code, black
 * on white, so that a page's camera scanner can be tested end to end. A dense code (a long
 * presentation) needs a larger frame for its modules to stay several pixels wide.
 */
export async function writeQrVideo(path: string, text: string, frame = { width: 640, height: 480 }): Promise<void> {
  const { width, height } = frame;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const scale = Math.floor(Math.min(width, height) / (size + 8));
  const left = Math.floor((width - size * scale) / 2);
  const top = Math.floor((height - size * scale) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      if (!qr.modules.get(row, column)) continue;
      for (let y = 0; y < scale; y += 1) {
        luma.fill(
          16,
          (top + row * scale + y) * width + left + column * scale,
          (top + row * scale + y) * width + left + (column + 1) * scale,
        );
      }
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const picture = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F5:1 Ip A1:1 C420jpeg\n`);
  await writeFile(path, Buffer.concat([header, picture, picture]));
}
