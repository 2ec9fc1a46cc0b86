import jsqr from 'jsqr';

type Decode = typeof jsqr.default;
// The package is a UMD bundle: bundled, its default import is the decoder itself or an object holding it.
const jsQR: Decode = typeof jsqr === 'function' ? (jsqr as Decode) : jsqr.default;

/**
 * Reads QR codes from the back camera into `video` until `onCode` answers true or the returned
 * stop function is called; frames are decoded five times a second on a canvas never shown.
 */
export async function scan(video: HTMLVideoElement, onCode: (data: string) => Promise<boolean>): Promise<() => void> {
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
    if (stopped || !context) return;
    if (video.videoWidth > 0) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
      if (code?.data && (await onCode(code.data))) {
        stop();
        return;
      }
    }
    setTimeout(tick, 200);
  };
  void tick();
  return stop;
}
