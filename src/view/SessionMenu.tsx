/**
 * What a person can do with the session as a whole: share it as a link, save and open it
 * as a file, export its trace, record it as a scenario, and export a picture of the moment.
 */
import { PictureButtons } from './picture/PictureButtons';

export function SessionMenu() {
  return (
    <div className="session-menu" role="toolbar" aria-label="Session">
      <PictureButtons />
    </div>
  );
}
