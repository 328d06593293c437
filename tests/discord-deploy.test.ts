import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageCommands } from '../commands/context-menus.ts';
import { commands } from '../commands/index.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { deployCommands } from '../src/discord/deploy-commands.ts';
import { FakeDiscord } from './e2e/fake-discord.ts';

describe('deployCommands', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });
  afterAll(async () => {
    await fake.close();
  });

  // The slash commands, then the message context menus.
  const names = [...commands.map((command) => command.definition.name), ...messageCommands.map((menu) => menu.definition.name)];

  it('prints the commands on a dry run, needing no token and sending nothing', async () => {
    const printed: string[] = [];
    const before = fake.requests.length;
    const result = await deployCommands({ config: loadConfig({ DISCORD_API_URL: fake.apiUrl }), dryRun: true, print: (line) => printed.push(line) });
    expect(JSON.parse(printed.join('\n')).map((command: { name: string }) => command.name)).toEqual(names);
    expect(result).toMatchObject({ scope: 'global', route: '/applications/<application id>/commands', names });
    expect(fake.requests.length).toBe(before);
  });

  it('registers every command in the guild when DISCORD_GUILD_ID is set', async () => {
    const config = loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_GUILD_ID: fake.guildId, DISCORD_API_URL: fake.apiUrl });
    const printed: string[] = [];
    const result = await deployCommands({ config, print: (line) => printed.push(line) });
    const put = fake.requests.at(-1);
    expect(put?.method).toBe('PUT');
    expect(put?.path).toBe(`/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`);
    expect(put?.body).toEqual([...commands.map((command) => command.definition), ...messageCommands.map((menu) => menu.definition)]);
    expect(result).toMatchObject({ scope: 'guild', names });
    expect(printed[0]).toContain(`Registered ${names.length} commands in guild ${fake.guildId}`);
  });

  it('registers /library and "Add article to byline" for members who may manage the server, and the menus as message commands', async () => {
    const printed: string[] = [];
    await deployCommands({ config: loadConfig({ DISCORD_API_URL: fake.apiUrl }), dryRun: true, print: (line) => printed.push(line) });
    const body: { name: string; type?: number; default_member_permissions?: string; contexts?: number[]; options?: { name: string; type: number }[] }[] = JSON.parse(printed.join('\n'));
    const manageServer = String(1 << 5);
    const library = body.find((command) => command.name === 'library');
    expect(library?.default_member_permissions).toBe(manageServer);
    expect(library?.contexts).toEqual([0]);
    expect(library?.options?.map((o) => [o.name, o.type])).toEqual([['add', 1], ['remove', 1], ['list', 1]]);
    const menus = body.filter((command) => command.type === 3);
    expect(menus.map((menu) => menu.name)).toEqual(['Who said this?', 'Add article to byline']);
    expect(menus[1]?.default_member_permissions).toBe(manageServer);
    expect(menus[0]?.default_member_permissions).toBeUndefined();
  });

  it('registers globally otherwise, asking Discord for the application id when not configured', async () => {
    const config = loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl });
    const result = await deployCommands({ config, print: () => undefined });
    const [lookup, put] = fake.requests.slice(-2);
    expect(lookup?.path).toBe('/oauth2/applications/@me');
    expect(put?.path).toBe(`/applications/${fake.applicationId}/commands`);
    expect(result.scope).toBe('global');
  });

  it('refuses to deploy without a token, saying how to fix it', async () => {
    const deploying = deployCommands({ config: loadConfig({ DISCORD_API_URL: fake.apiUrl }), print: () => undefined });
    await expect(deploying).rejects.toBeInstanceOf(ConfigError);
    await expect(deploying).rejects.toThrow(/^DISCORD_TOKEN must be set to deploy commands/);
  });

  it('reports Discord refusing the token', async () => {
    const config = loadConfig({ DISCORD_TOKEN: 'wrong', DISCORD_CLIENT_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl });
    await expect(deployCommands({ config, print: () => undefined })).rejects.toThrow(/401|Unauthorized/);
  });
});
