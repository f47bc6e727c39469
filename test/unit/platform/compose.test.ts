// docker-compose.yml cannot run here (no Docker engine), so it is validated the way Compose
// itself reads it: `docker-compose config` (Debian's 1.29, or any v2) resolves and checks the
// file without an engine, and the resolved form is checked against what the stack needs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

interface ComposeTool { command: string; prefix: string[]; major: number }
type Resolved = { services: Record<string, Service>; volumes?: Record<string, unknown> };
interface Service {
  image?: string;
  build?: { context: string; dockerfile?: string };
  depends_on?: Record<string, { condition: string }>;
  ports?: (string | { target: number; published: string | number; host_ip?: string })[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  volumes?: (string | { source?: string; target: string })[];
  command?: string[];
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(command, args, { cwd: root, env, encoding: 'utf8' });
}

function findTool(): ComposeTool | string {
  for (const [command, prefix] of [['docker-compose', []], ['docker', ['compose']]] as const) {
    const r = run(command, [...prefix, 'version', '--short']);
    const major = Number(/^v?(\d+)\./.exec(r.stdout?.trim() ?? '')?.[1]);
    if (r.status === 0 && major > 0) return { command, prefix: [...prefix], major };
  }
  const isRoot = process.getuid?.() === 0;
  const canSudo = !isRoot && run('sudo', ['-n', 'true']).status === 0;
  if (run('apt-get', ['--version']).status === 0 && (isRoot || canSudo)) {
    return 'installable';
  }
  return run('apt-get', ['--version']).status === 0
    ? 'docker-compose is not installed, and installing it with apt-get needs root or passwordless sudo'
    : 'neither docker-compose nor `docker compose` is installed, and this machine has no apt-get to install it';
}

const tool = findTool();
if (typeof tool === 'string' && tool !== 'installable') {
  console.warn(`compose.test.ts skipped: ${tool}. Install Docker Compose to validate docker-compose.yml.`);
}
const describeCompose = typeof tool === 'string' && tool !== 'installable' ? describe.skip : describe;

const secrets = { POSTGRES_PASSWORD: 'test-password', LEADFLOW_AUTH_SECRET: 'test-secret-of-at-least-32-characters' };

function composeConfig(t: ComposeTool, extraEnv: Record<string, string>) {
  // An empty env file and a minimal environment: a developer's own .env must not leak in.
  const dir = mkdtempSync(join(tmpdir(), 'leadflow-compose-'));
  const envFile = join(dir, 'empty.env');
  writeFileSync(envFile, '');
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...extraEnv };
  const format = t.major >= 2 ? ['--format', 'json'] : [];
  try {
    return run(t.command, [...t.prefix, '--env-file', envFile, '-f', 'docker-compose.yml', 'config', ...format], env);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function toJson(t: ComposeTool, output: string): Resolved {
  if (t.major >= 2) return JSON.parse(output) as Resolved;
  // docker-compose 1.x prints YAML; it is a Python program that depends on PyYAML, so its
  // own interpreter can turn that YAML into JSON.
  const shebang = readFileSync(run('sh', ['-c', 'command -v docker-compose']).stdout.trim(), 'utf8').split('\n')[0] ?? '';
  const python = shebang.replace(/^#!\s*/, '').split(/\s+/)[0] || 'python3';
  const r = spawnSync(python, ['-c', 'import json,sys,yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'], {
    input: output, encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`YAML to JSON failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Resolved;
}

function publishedPorts(s: Service): { host: string; published: number; target: number }[] {
  return (s.ports ?? []).map((p) => {
    if (typeof p !== 'string') return { host: p.host_ip ?? '', published: Number(p.published), target: p.target };
    const m = /^(?:(.*):)?(\d+):(\d+)(?:\/\w+)?$/.exec(p);
    if (!m) throw new Error(`unexpected port ${p}`);
    return { host: m[1] ?? '', published: Number(m[2]), target: Number(m[3]) };
  });
}

// The workflows' search attributes: from workflows/search-attributes.ts where it exists.
async function searchAttributeTypes(): Promise<Record<string, string>> {
  const module = join(root, 'workflows', 'search-attributes.ts');
  if (existsSync(module)) {
    const loaded = (await import(module)) as { SEARCH_ATTRIBUTE_TYPES: Record<string, string> };
    return { ...loaded.SEARCH_ATTRIBUTE_TYPES };
  }
  return {
    LeadStatus: 'Keyword', LeadRank: 'Keyword', LeadScore: 'Int', OwnerId: 'Keyword',
    AssignmentStatus: 'Keyword', ProcessingActivityId: 'Keyword',
  };
}

describeCompose('docker-compose.yml', () => {
  let t: ComposeTool;
  let services: Record<string, Service>;

  beforeAll(() => {
    if (tool === 'installable') {
      throw new Error('docker-compose is not installed, but this machine can install it: run `bash scripts/test-prereqs.sh` '
        + '(apt-get install --no-install-recommends docker-compose).');
    }
    t = tool as ComposeTool;
    const r = composeConfig(t, secrets);
    if (r.status !== 0) throw new Error(`${t.command} config rejected the file:\n${r.stderr}`);
    services = toJson(t, r.stdout).services;
  });

  it('has the whole stack and nothing else', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['api', 'migrate', 'postgres', 'temporal', 'temporal-schema', 'temporal-setup', 'temporal-ui', 'worker'],
    );
  });

  it('starts each service only after what it needs', () => {
    const conditions = Object.fromEntries(Object.entries(services).map(([name, s]) => [
      name, Object.fromEntries(Object.entries(s.depends_on ?? {}).map(([dep, d]) => [dep, d.condition])),
    ]));
    expect(conditions).toEqual({
      postgres: {},
      'temporal-schema': { postgres: 'service_healthy' },
      temporal: { 'temporal-schema': 'service_completed_successfully' },
      'temporal-setup': { temporal: 'service_healthy' },
      'temporal-ui': { temporal: 'service_healthy' },
      migrate: { postgres: 'service_healthy' },
      worker: { migrate: 'service_completed_successfully', 'temporal-setup': 'service_completed_successfully' },
      api: {
        migrate: 'service_completed_successfully',
        'temporal-setup': 'service_completed_successfully',
        worker: 'service_started',
      },
    });
  });

  it('publishes the API on 3000 and the UI on 8233, the UI and Temporal on loopback only', () => {
    expect(publishedPorts(services.api!)).toEqual([{ host: '0.0.0.0', published: 3000, target: 3000 }]);
    expect(publishedPorts(services['temporal-ui']!)).toEqual([{ host: '127.0.0.1', published: 8233, target: 8080 }]);
    expect(publishedPorts(services.temporal!)).toEqual([{ host: '127.0.0.1', published: 7233, target: 7233 }]);
    for (const name of ['postgres', 'worker', 'migrate', 'temporal-schema', 'temporal-setup']) {
      expect(publishedPorts(services[name]!)).toEqual([]);
    }
  });

  it('builds worker, API and migration from the one Dockerfile into one image', () => {
    const built = ['worker', 'api', 'migrate'].map((name) => services[name]!);
    for (const s of built) {
      expect(s.build).toMatchObject({ context: root, dockerfile: 'Dockerfile' });
      expect(s.image).toBe(built[0]!.image);
    }
    expect(services.worker!.command).toEqual(['node', '--import', 'tsx', 'worker/main.ts']);
    expect(services.api!.command).toEqual(['node', '--import', 'tsx', 'api/main.ts']);
    expect(services.migrate!.command).toEqual(['node', '--import', 'tsx', 'db/migrate.ts']);
    const from = readFileSync(join(root, 'Dockerfile'), 'utf8').split('\n').filter((l) => /^FROM\s/i.test(l));
    expect(from).toEqual([expect.stringMatching(/^FROM node:[\d.]+-bookworm-slim$/)]);
  });

  it('gives the app the environment it reads', () => {
    for (const name of ['worker', 'api', 'migrate']) {
      expect(Object.keys(services[name]!.environment ?? {})).toEqual(expect.arrayContaining(
        ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'PORT', 'LEADFLOW_AUTH_SECRET'],
      ));
      expect(services[name]!.environment!.DATABASE_URL).toBe('postgres://leadflow:test-password@postgres:5432/leadflow');
      expect(services[name]!.environment!.TEMPORAL_ADDRESS).toBe('temporal:7233');
    }
    expect(services['temporal-setup']!.environment!.TEMPORAL_NAMESPACE).toBe(services.api!.environment!.TEMPORAL_NAMESPACE);
    // The API listens beyond loopback inside its container and runs no worker of its own.
    expect(services.api!.environment).toMatchObject({ HOST: '0.0.0.0', WORKER_ENABLED: 'false' });
  });

  it('health-checks the long-running services and persists PostgreSQL in a named volume', () => {
    for (const name of ['postgres', 'temporal', 'worker', 'api']) {
      expect(services[name]!.healthcheck?.test.length).toBeGreaterThan(1);
    }
    const volume = services.postgres!.volumes?.[0];
    const source = typeof volume === 'string' ? volume.split(':')[0] : volume?.source;
    expect(source).toBe('postgres-data');
  });

  it('pins every pulled image to a version', () => {
    for (const [name, s] of Object.entries(services)) {
      if (s.build) continue;
      expect([name, s.image]).toEqual([name, expect.stringMatching(/^[\w./-]+:\d+(\.\d+)+$/)]);
    }
  });

  it('sets up both Temporal databases and every search attribute the workflows use', async () => {
    const schema = readFileSync(join(root, 'deploy/temporal/setup-schema.sh'), 'utf8');
    expect(schema).toMatch(/--plugin postgres12/);
    expect(schema).toMatch(/temporal_visibility/);
    for (const step of ['create', 'setup-schema', 'update-schema']) expect(schema).toContain(step);
    const setup = readFileSync(join(root, 'deploy/temporal/setup-namespace.sh'), 'utf8');
    const created = Object.fromEntries([...setup.matchAll(/\b([A-Z]\w+):(Keyword|Int|Double|Bool|Datetime|Text|KeywordList)\b/g)]
      .map((m) => [m[1], m[2]]));
    expect(created).toEqual(await searchAttributeTypes());
  });

  it('refuses to start without the secrets', () => {
    const r = composeConfig(t, {});
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/POSTGRES_PASSWORD|LEADFLOW_AUTH_SECRET/);
  });
});
