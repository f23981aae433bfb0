// The attachments function's routes: upload forms for staff and petitioners, the list, opening.
import { addCaseFiles, listCaseFiles, openCaseFile } from './case-files.ts';
import { addPetitionerFiles } from './petitioner-files.ts';

export const attachmentsRoutes = [addCaseFiles, listCaseFiles, openCaseFile, addPetitionerFiles];
