/** Placeholder: Export SVG / Export PNG buttons (being built). */
export function PictureButtons() {
  return null;
}
