// `npm run test:stress`: the README's test command (`npm test`) while a CPU burner keeps every core busy — one
// `node -e 'for(;;){}'` per core, started here and stopped however the run ends — to show that no test depends on how
// fast the machine is. Prints the run's time; exits with the suite's code.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cores = os.availableParallelism();
const burners = Array.from({ length: cores }, () => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
const stop = () => {
  for (const b of burners) if (b.exitCode === null) b.kill('SIGKILL');
};
process.on('exit', stop);
for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => {
    stop();
    process.exit(130);
  });

console.log(`Нагрузка: ${cores} процесс(а) node -e 'for(;;){}' заняли все ядра; запускаю npm test.`);
const t0 = performance.now();
const suite = spawn('npm', ['test'], { cwd: root, stdio: 'inherit', env: process.env });
suite.on('exit', (code, signal) => {
  stop();
  const s = Math.round((performance.now() - t0) / 1000);
  console.log(`npm test под нагрузкой: ${code === 0 ? 'пройдено' : `ошибка (код ${code ?? signal})`} за ${Math.floor(s / 60)} мин ${s % 60} с`);
  process.exit(code ?? 1);
});
