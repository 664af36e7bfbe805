import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coordinates, pomFor } from './maven.ts';

describe('maven provisioning', () => {
  it('writes a pom that depends on each artifact, with classifiers and exclusions', () => {
    const pom = pomFor('kafka', [
      { groupId: 'org.apache.kafka', artifactId: 'kafka_2.13', version: '4.1.1' },
      { groupId: 'g', artifactId: 'a', version: '1', classifier: 'runner', exclusions: ['x:y'] },
    ]);
    assert.match(pom, /<artifactId>kafka_2\.13<\/artifactId>\s*<version>4\.1\.1<\/version>/);
    assert.match(pom, /<classifier>runner<\/classifier>/);
    assert.match(pom, /<exclusion><groupId>x<\/groupId><artifactId>y<\/artifactId><\/exclusion>/);
    assert.match(pom, /<packaging>pom<\/packaging>/);
  });

  it('prints Maven coordinates', () => {
    assert.equal(coordinates({ groupId: 'g', artifactId: 'a', version: '1' }), 'g:a:1');
    assert.equal(coordinates({ groupId: 'g', artifactId: 'a', version: '1', classifier: 'c' }), 'g:a:1:c');
  });
});
