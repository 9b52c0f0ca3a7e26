/**
 * Imported first by the modules that parse with zod in the browser. zod probes for `eval` with a
 * caught `new Function("")`; under the consoles' Content-Security-Policy (no eval) the browser
 * reports that probe as a violation. `jitless` skips the probe (and the JIT it would not get).
 */
import { z } from "zod";

z.config({ jitless: true });
