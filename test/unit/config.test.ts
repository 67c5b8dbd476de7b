import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../api/src/config.js';

describe('configuration', () => {
  it('has working defaults: a local Neo4j and port 8080', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(8080);
    expect(config.NEO4J_URI).toBeUndefined();
    expect(config.localNeo4j.port).toBe(7687);
    expect(config.localNeo4j.gds).toBe(false);
    expect(loadConfig({ NEO4J_LOCAL_GDS: 'true' }).localNeo4j.gds).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', NEO4J_URI: 'http://x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', NEO4J_URI: 'http://x' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/NEO4J_URI: must be a neo4j:\/\/ or bolt:\/\/ URI/);
    }
  });

  it('reads the CORS origins: any by default, a list, or none; refuses an origin with a path', () => {
    expect(loadConfig({}).CORS_ORIGINS).toBe('*');
    expect(loadConfig({ CORS_ORIGINS: 'https://observablehq.com, http://localhost:8888' }).CORS_ORIGINS).toEqual([
      'https://observablehq.com',
      'http://localhost:8888',
    ]);
    expect(loadConfig({ CORS_ORIGINS: '' }).CORS_ORIGINS).toEqual([]);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://example.org/notebooks' })).toThrow(/CORS_ORIGINS/);
  });
});
