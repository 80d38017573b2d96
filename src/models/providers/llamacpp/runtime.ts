import { MasldError } from '../../../errors.js';

type NodeLlamaCpp = typeof import('node-llama-cpp');
type Llama = Awaited<ReturnType<NodeLlamaCpp['getLlama']>>;

let lib: Promise<NodeLlamaCpp> | undefined;
let llama: Promise<Llama> | undefined;

/** node-llama-cpp is an optional peer dependency, loaded only when a llamacpp model is used. */
export function nodeLlamaCpp(): Promise<NodeLlamaCpp> {
  lib ??= import('node-llama-cpp').catch((err: unknown) => {
    lib = undefined;
    throw new MasldError(
      'E_ENV',
      'the llamacpp provider needs node-llama-cpp, which is not installed. Install it with: npm install -E ' +
        `node-llama-cpp@3.21.1 (${(err as Error).message.split('\n')[0]})`,
    );
  });
  return lib;
}

/** One llama.cpp runtime per process, CPU only, never built from source at run time. */
export function getRuntime(): Promise<Llama> {
  llama ??= nodeLlamaCpp().then(async (m) => {
    try {
      return await m.getLlama({ gpu: false, build: 'never', logLevel: m.LlamaLogLevel.error, progressLogs: false });
    } catch (err) {
      llama = undefined;
      throw new MasldError(
        'E_ENV',
        'no prebuilt llama.cpp binary fits this machine, and masld never builds one at run time ' +
          `(${(err as Error).message.split('\n')[0]}). Use a platform that node-llama-cpp ships a prebuilt binary for.`,
      );
    }
  });
  return llama;
}
