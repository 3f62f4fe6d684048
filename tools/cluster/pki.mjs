// A throwaway PKI for one cluster, made with openssl: a CA, the API server's serving certificate
// for 127.0.0.1, an admin client certificate (group system:masters) and the service-account
// signing key pair. Everything lives in the cluster's own directory and goes with it.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

function openssl(dir, args) {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

function signed(dir, name, subject, extensions) {
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl(dir, [
    'req',
    '-new',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-subj',
    subject,
    '-out',
    `${name}.csr`,
  ]);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    `${name}.ext`,
    '-out',
    `${name}.crt`,
  ]);
}

/** Writes the PKI into dir and returns the file paths. */
export function makePki(dir) {
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '2',
    '-subj',
    '/CN=otlp-kit-test-ca',
  ]);
  signed(
    dir,
    'apiserver',
    '/CN=kube-apiserver',
    'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\n',
  );
  signed(
    dir,
    'admin',
    '/O=system:masters/CN=otlp-kit-admin',
    'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n',
  );
  openssl(dir, ['genrsa', '-out', 'sa.key', '2048']);
  openssl(dir, ['rsa', '-in', 'sa.key', '-pubout', '-out', 'sa.pub']);
  const file = (name) => join(dir, name);
  return {
    ca: file('ca.crt'),
    caKey: file('ca.key'),
    serverCert: file('apiserver.crt'),
    serverKey: file('apiserver.key'),
    adminCert: file('admin.crt'),
    adminKey: file('admin.key'),
    saKey: file('sa.key'),
    saPub: file('sa.pub'),
  };
}

/** A kubeconfig for the admin identity against server. */
export function kubeconfigYaml(server, pki) {
  return `apiVersion: v1
kind: Config
clusters:
  - name: otlp-kit
    cluster:
      server: ${server}
      certificate-authority: ${pki.ca}
users:
  - name: admin
    user:
      client-certificate: ${pki.adminCert}
      client-key: ${pki.adminKey}
contexts:
  - name: otlp-kit
    context:
      cluster: otlp-kit
      user: admin
current-context: otlp-kit
`;
}
