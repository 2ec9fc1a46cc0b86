import { BASE } from './common.js';

let decoder;

/** `window.jsQR`, added once as a script element from the plugin's route. */
function loadDecoder() {
  decoder ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = `${BASE}/scanner/jsqr.js`;
    script.onload = () => resolve(window.jsQR);
    script.onerror = () => reject(new Error('jsQR did not load'));
    document.head.append(script);
  });
  return decoder;
}

/**
 * Reads QR codes from the back camera into `video` until `onCode` answers true or `stop()` is
 * called; frames are decoded five times a second on a canvas that is never shown.
 */
export async function scan(video, onCode) {
  const jsQR = await loadDecoder();
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  video.srcObject = stream;
  await video.play();
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  let stopped = false;
  const stop = () => {
    stopped = true;
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  const tick = async () => {
    if (stopped) return;
    if (video.videoWidth > 0) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
      if (code?.data && (await onCode(code.data))) {
        stop();
        return;
      }
    }
    setTimeout(tick, 200);
  };
  tick();
  return stop;
}
