/** Small file-system checks the provisioning steps share. */
import { access } from 'node:fs/promises';

/** True when every path exists. */
export async function exists(...paths: string[]): Promise<boolean> {
  for (const path of paths) {
    if (
      !(await access(path).then(
        () => true,
        () => false,
      ))
    )
      return false;
  }
  return true;
}
