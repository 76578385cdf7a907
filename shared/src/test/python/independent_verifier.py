"""A second Tongxing verifier, written from docs/token-format.md alone: Python and pyca/cryptography
instead of Java, nimbus and the JCA. It runs the vector suite (the path given, by default
shared/src/test/resources/vectors/verifier/cases.json) and prints every case where it and the
expected verdict disagree; the exit status is the number of disagreements (0: the document is
enough to agree with every vector). Run by IndependentVerifierTest where python3 has cryptography.
"""
import base64, hashlib, json, re, sys, zlib
from datetime import datetime, timezone
from fractions import Fraction
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.hazmat.primitives import hashes
from cryptography.exceptions import InvalidSignature

N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551
P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffff
MAX_INT = 2**53 - 1
B64 = re.compile(r'^[A-Za-z0-9_-]*$')

class Malformed(Exception):
    pass

class Verdict(Exception):
    def __init__(self, reason, credential=None, age=None):
        self.reason, self.credential, self.age = reason, credential, age

OUTCOME = {'ACCEPTED': 'PASS', 'ISSUER_UNKNOWN': 'REVIEW', 'CLOCK_BEHIND': 'REVIEW', 'TRUST_DATA_EXPIRED': 'REVIEW',
           'STATUS_UNAVAILABLE': 'REVIEW', 'STATUS_STALE': 'REVIEW', 'ID_NOT_REGISTERED': 'REVIEW',
           'ID_CHECK_PARTNER_UNAVAILABLE': 'REVIEW', 'ID_CHECK_NEEDS_NETWORK': 'REVIEW', 'ID_CHECK_REFUSED': 'REVIEW',
           'ID_CHECK_ANSWER_INVALID': 'REVIEW'}
KINDS = ('hc', 'cp', 'pc')

def b64d(text):
    if not B64.match(text) or len(text) % 4 == 1:
        raise Malformed('b64')
    raw = base64.urlsafe_b64decode(text + '=' * (-len(text) % 4))
    if base64.urlsafe_b64encode(raw).decode().rstrip('=') != text:
        raise Malformed('noncanonical')
    return raw

def b64e(raw):
    return base64.urlsafe_b64encode(raw).decode().rstrip('=')

def no_dupes(pairs):
    d = {}
    for k, v in pairs:
        if k in d:
            raise Malformed('dup')
        d[k] = v
    return d

def bad_constant(c):
    raise Malformed('constant')

def parse_float(text):
    v = float(text)
    if v in (float('inf'), float('-inf')):
        raise Malformed('range')
    return v

def json_object(raw):
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError:
        raise Malformed('utf8')
    try:
        v = json.loads(text, object_pairs_hook=no_dupes, parse_constant=bad_constant, parse_float=parse_float)
    except ValueError:
        raise Malformed('json')
    if not isinstance(v, dict):
        raise Malformed('not object')
    return v

def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)

def is_number(v):
    return (isinstance(v, (int, float))) and not isinstance(v, bool)

def region(v):
    return isinstance(v, str) and re.fullmatch(r'[0-9]{6}', v) is not None and 11 <= int(v[:2]) <= 82

def contains(a, b):
    if a.endswith('0000'):
        return b[:2] == a[:2]
    if a.endswith('00'):
        return b[:4] == a[:4]
    return a == b

def overlaps(a, b):
    return contains(a, b) or contains(b, a)

def plain(text):
    for ch in text:
        c = ord(ch)
        if c < 0x20 or 0x7f <= c <= 0x9f or c in (0x061c, 0xfeff) or 0xe0000 <= c <= 0xe007f:
            return False
        if 0x200b <= c <= 0x200f or 0x2028 <= c <= 0x202e or 0x2060 <= c <= 0x2069:
            return False
        if 0xd800 <= c <= 0xdfff:
            return False
    return True

def code_points(text):
    return len(text)  # Python str indexes code points (json keeps lone surrogates as one each)

# ---- keys and signatures -------------------------------------------------------------------------

def jwk_key(jwk):
    if jwk.get('kty') != 'EC' or jwk.get('crv') != 'P-256' or 'd' in jwk:
        raise Malformed('jwk')
    x, y = int.from_bytes(b64d(jwk['x']), 'big'), int.from_bytes(b64d(jwk['y']), 'big')
    return ec.EllipticCurvePublicNumbers(x, y, ec.SECP256R1()).public_key()

def kid_of(jwk):
    text = '{"crv":"P-256","kty":"EC","x":"%s","y":"%s"}' % (jwk['x'], jwk['y'])
    return b64e(hashlib.sha256(text.encode()).digest())[:6]

def es256(key, message, sig):
    if len(sig) != 64:
        return False
    r, s = int.from_bytes(sig[:32], 'big'), int.from_bytes(sig[32:], 'big')
    if not (1 <= r < N and 1 <= s < N) or s > (N - 1) // 2:
        return False
    try:
        key.verify(encode_dss_signature(r, s), message, ec.ECDSA(hashes.SHA256()))
        return True
    except InvalidSignature:
        return False

def split_jws(token):
    parts = token.split('.')
    if len(parts) != 3 or parts[0] == '':
        raise Malformed('segments')
    return [b64d(p) for p in parts], parts

def signed_doc(token, typ, keys_for):
    """A signed document (bundle, list): claims, or Malformed."""
    (h, p, sig), parts = split_jws(token)
    header = json_object(h)
    if header.get('alg') != 'ES256' or any(k in header for k in ('jwk', 'jku', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'crit', 'zip')):
        raise Malformed('header')
    if not isinstance(header.get('kid'), str) or header['kid'] == '' or header.get('typ') != typ:
        raise Malformed('header')
    claims = json_object(p)
    message = (parts[0] + '.' + parts[1]).encode('ascii')
    for key in keys_for(header['kid'], claims):
        if es256(key, message, sig):
            return claims
    raise Malformed('signature')

# ---- trust bundle ------------------------------------------------------------------------------

def trust_bundle(token, pinned):
    claims = signed_doc(token, 'tx-trust+jwt', lambda kid, c: [k for j, k in pinned if kid_of(j) == kid])
    if not region(claims.get('iss')) or not is_int(claims.get('iat')) or not is_int(claims.get('exp')):
        raise Malformed('bundle')
    issuers = {}
    for i in claims['issuers']:
        if not region(i.get('region')):
            raise Malformed('region')
        for m in ('name', 'name_en'):
            if not isinstance(i.get(m), str) or i[m] == '' or not plain(i[m]):
                raise Malformed('name')
        if not isinstance(i.get('status'), str):
            raise Malformed('status')
        keys = []
        for k in i['keys']:
            jwk = k['jwk']
            if jwk.get('kid') != kid_of(jwk):
                raise Malformed('kid')
            if not is_int(k.get('from')) or ('until' in k and not is_int(k['until'])):
                raise Malformed('window')
            keys.append({'kid': jwk['kid'], 'key': jwk_key(jwk), 'from': k['from'], 'until': k.get('until')})
        issuers[i['region']] = {'name': i['name'], 'status': i['status'], 'keys': keys,
                                'kinds': [t for t in i['kinds'] if t in KINDS], 'corridors': i['corridors']}
    return {'iat': claims['iat'], 'exp': claims['exp'], 'issuers': issuers}

# ---- status lists ------------------------------------------------------------------------------

def status_list(token, trust):
    chosen = {}
    def keys_for(kid, claims):
        iss = claims.get('iss')
        if not region(iss) or iss not in trust['issuers']:
            raise Malformed('issuer')
        chosen['iss'] = iss
        return [k['key'] for k in trust['issuers'][iss]['keys'] if k['kid'] == kid]
    claims = signed_doc(token, 'statuslist+jwt', keys_for)
    issuer = trust['issuers'][chosen['iss']]
    sub = claims.get('sub')
    if not isinstance(sub, str) or not sub.startswith(issuer['status']):
        raise Malformed('sub')
    digits = sub[len(issuer['status']):]
    if not re.fullmatch(r'0|[1-9][0-9]*', digits) or int(digits) > MAX_INT:
        raise Malformed('sub digits')
    if not is_int(claims.get('iat')) or ('exp' in claims and not is_int(claims['exp'])):
        raise Malformed('times')
    if 'ttl' in claims and (not is_int(claims['ttl']) or claims['ttl'] <= 0):
        raise Malformed('ttl')
    sl = claims['status_list']
    bits = sl['bits']
    if bits not in (1, 2, 4, 8) or not is_int(bits):
        raise Malformed('bits')
    d = zlib.decompressobj()
    data = d.decompress(b64d(sl['lst']), 8 * 1024 * 1024 + 1)
    if len(data) > 8 * 1024 * 1024 or not d.eof or d.unused_data or len(data) == 0:
        raise Malformed('lst')
    return {'iss': chosen['iss'], 'number': int(digits), 'iat': claims['iat'], 'exp': claims.get('exp'),
            'bits': bits, 'data': data}

# ---- times -------------------------------------------------------------------------------------

def numeric_date(v):
    """Seconds as an exact Fraction."""
    if not is_number(v):
        raise Verdict('CLAIMS_INVALID')
    value = Fraction(v)
    if value < 0 or value > 253402300799000:
        raise Verdict('CLAIMS_INVALID')
    return value / 1000 if value >= 10**11 else value

def rfc3339(seconds):
    whole = int(seconds // 1)
    frac = seconds - whole
    text = datetime.fromtimestamp(whole, timezone.utc).strftime('%Y-%m-%dT%H:%M:%S')
    if frac:
        text += ('%.9f' % float(frac))[1:].rstrip('0')
    return text + 'Z'

# ---- QR text -----------------------------------------------------------------------------------

FINAL = {3: 1, 5: 2, 8: 3, 10: 4, 13: 5, 15: 6}

def qr_frame(digits):
    if not re.fullmatch(r'[0-9]*', digits) or (len(digits) % 17 != 0 and len(digits) % 17 not in FINAL):
        raise Malformed('digits')
    out = b''
    for i in range(0, len(digits), 17):
        block = digits[i:i + 17]
        n = 7 if len(block) == 17 else FINAL[len(block)]
        v = int(block)
        if v >= 256 ** n:
            raise Malformed('block')
        out += v.to_bytes(n, 'big')
    if len(out) < 3:
        raise Malformed('short')
    H, Pl = out[0], int.from_bytes(out[1:3], 'big')
    base = 3 + H + Pl + 64
    if len(out) not in (base, base + 68):
        raise Malformed('length')
    header, payload, sig = out[3:3 + H], out[3 + H:3 + H + Pl], out[3 + H + Pl:base]
    token = b64e(header) + '.' + b64e(payload) + '.' + b64e(sig)
    proof = None
    if len(out) == base + 68:
        proof = (int.from_bytes(out[base:base + 4], 'big'), out[base + 4:])
    return token, proof

def holder_key(text):
    raw = b64d(text) if isinstance(text, str) else None
    if raw is None or len(raw) != 33 or raw[0] not in (2, 3):
        raise Verdict('CLAIMS_INVALID')
    x = int.from_bytes(raw[1:], 'big')
    if x >= P:
        raise Verdict('CLAIMS_INVALID')
    try:
        return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
    except ValueError:
        raise Verdict('CLAIMS_INVALID')

# ---- the verifier ------------------------------------------------------------------------------

def verify(inp, now, policy, trust, lists):
    """A scan: steps 1-11."""
    token, proof = scanned(inp)
    verify_token(token, proof, now, policy, trust, lists, looked_up=False)


def scanned(inp):
    """Steps 1 and 2: the token and the holder proof, if any."""
    # step 1
    if isinstance(inp, bytes):
        if len(inp) > 16386:
            raise Verdict('INPUT_TOO_LARGE')
        try:
            text = inp.decode('utf-8')
        except UnicodeDecodeError:
            raise Verdict('INPUT_NOT_UTF8')
    else:
        text = inp
    if text.endswith('\r\n'):
        text = text[:-2]
    elif text.endswith('\n') or text.endswith('\r'):
        text = text[:-1]
    if code_points(text) > 4096:
        raise Verdict('INPUT_TOO_LARGE')
    for ch in text:
        c = ord(ch)
        if c < 0x20 or 0x7f <= c <= 0x9f:
            raise Verdict('INPUT_CONTROL_CHARACTERS')
        if 0xd800 <= c <= 0xdfff:
            raise Verdict('INPUT_NOT_UTF8')
    # step 2
    proof = None
    if text.startswith('TX1:'):
        try:
            token, proof = qr_frame(text[4:])
        except Malformed:
            raise Verdict('QR_FRAME_MALFORMED')
    elif text.startswith('eyJ') and '.' in text:
        token = text
    else:
        raise Verdict('INPUT_NOT_RECOGNIZED')
    return token, proof


def verify_token(token, proof, now, policy, trust, lists, looked_up):
    """Steps 3-11; for the answer to an ID-number check (section 11) without the holder proof."""
    # step 3
    parts = token.split('.')
    if len(parts) != 3 or parts[0] == '':
        raise Verdict('TOKEN_MALFORMED')
    try:
        h, p, sig = (b64d(x) for x in parts)
        header = json_object(h)
    except Malformed:
        raise Verdict('TOKEN_MALFORMED')
    if header.get('alg') != 'ES256':
        raise Verdict('ALGORITHM_NOT_ALLOWED')
    if any(k in header for k in ('jwk', 'jku', 'x5u', 'x5c', 'x5t', 'x5t#S256')):
        raise Verdict('EMBEDDED_KEY_NOT_ALLOWED')
    if 'crit' in header:
        raise Verdict('CRITICAL_HEADER_NOT_SUPPORTED')
    if 'zip' in header:
        raise Verdict('COMPRESSION_NOT_ALLOWED')
    kid = header.get('kid')
    if not isinstance(kid, str) or kid == '':
        raise Verdict('KEY_ID_MISSING')
    if 'typ' in header and not isinstance(header['typ'], str):
        raise Verdict('TOKEN_MALFORMED')
    if len(sig) != 64:
        raise Verdict('SIGNATURE_MALFORMED')
    typ = header.get('typ')
    if typ not in KINDS:
        raise Verdict('TYPE_UNKNOWN')
    if looked_up and typ != 'hc':
        raise Verdict('ID_CHECK_ANSWER_INVALID')
    # step 4
    try:
        claims = json_object(p)
    except Malformed:
        raise Verdict('TOKEN_MALFORMED')
    iss = claims.get('iss')
    if not region(iss):
        raise Verdict('CLAIMS_INVALID')
    issuer = trust['issuers'].get(iss)
    if issuer is None:
        raise Verdict('ISSUER_UNKNOWN')
    if typ not in issuer['kinds']:
        raise Verdict('ISSUER_NOT_RECOGNIZED_FOR_KIND')
    if '*' not in issuer['corridors'] and (policy.get('corridor') is None or policy['corridor'] not in issuer['corridors']):
        raise Verdict('ISSUER_NOT_RECOGNIZED_FOR_CORRIDOR')
    # step 5
    candidates = [k for k in issuer['keys'] if k['kid'] == kid]
    if not candidates:
        other = any(k['kid'] == kid for r, i in trust['issuers'].items() if r != iss for k in i['keys'])
        raise Verdict('KEY_OF_ANOTHER_ISSUER' if other else 'KEY_UNKNOWN')
    if int.from_bytes(sig[32:], 'big') > (N - 1) // 2:
        raise Verdict('SIGNATURE_HIGH_S')
    message = (parts[0] + '.' + parts[1]).encode('ascii')
    key = next((k for k in candidates if es256(k['key'], message, sig)), None)
    if key is None:
        raise Verdict('SIGNATURE_INVALID')
    # step 6
    c = claims_of(typ, claims)
    shown = credential_json(c, typ, issuer)
    # step 7
    skew, latest = policy['clock_skew'], max([trust['iat']] + [l['iat'] for l in lists])
    if now + skew < latest:
        raise Verdict('CLOCK_BEHIND', shown)
    if now >= trust['exp']:
        raise Verdict('TRUST_DATA_EXPIRED', shown)
    if c['iat'] < key['from'] or (key['until'] is not None and c['iat'] > key['until']):
        raise Verdict('KEY_NOT_VALID_AT_ISSUE', shown)
    if c['iat'] > now + skew:
        raise Verdict('ISSUED_IN_FUTURE', shown)
    if typ == 'cp' and c['start'] > now + skew:
        raise Verdict('NOT_YET_VALID', shown)
    if now >= c['exp'] + skew:
        raise Verdict('EXPIRED', shown)
    # step 8
    matches = [l for l in lists if l['iss'] == iss and l['number'] == c['s'][0]]
    if not matches:
        raise Verdict('STATUS_UNAVAILABLE', shown)
    lst = max(matches, key=lambda l: l['iat'])
    age = now - lst['iat']
    index, bits = c['s'][1], lst['bits']
    if index >= len(lst['data']) * 8 // bits:
        raise Verdict('STATUS_INDEX_OUT_OF_RANGE', shown, age)
    bit = index * bits
    value = (lst['data'][bit >> 3] >> (bit & 7)) & ((1 << bits) - 1)
    if value >= 3:
        raise Verdict('STATUS_UNRECOGNIZED', shown, age)
    if value == 1:
        raise Verdict('REVOKED', shown, age)
    if (lst['exp'] is not None and now >= lst['exp']) or age > policy['max_status_age']:
        raise Verdict('STATUS_STALE', shown, age)
    if value == 2:
        raise Verdict('SUSPENDED', shown, age)
    # step 9
    required = policy['holder_proof'] == 'required'
    if looked_up:
        pass
    elif c['h'] is None:
        if proof is not None:
            raise Verdict('HOLDER_PROOF_UNEXPECTED', shown, age)
        if required:
            raise Verdict('HOLDER_KEY_MISSING', shown, age)
    elif proof is None:
        if required:
            raise Verdict('HOLDER_PROOF_MISSING', shown, age)
    else:
        t, psig = proof
        if not es256(c['h'], ('tx-hp1.%d.%s' % (t, token)).encode('ascii'), psig):
            raise Verdict('HOLDER_PROOF_INVALID', shown, age)
        if abs(now - t) > policy['holder_proof_window']:
            raise Verdict('HOLDER_PROOF_OUT_OF_WINDOW', shown, age)
        shown['holder_proof_checked'] = True
    # step 10
    if typ not in policy['accepted_kinds']:
        raise Verdict('KIND_NOT_ACCEPTED', shown, age)
    if typ == 'hc' and c['c'] not in policy['accepted_colours']:
        raise Verdict('CODE_RED' if c['c'] == 'r' else 'CODE_YELLOW', shown, age)
    if typ == 'cp' and policy['route_check'] and not any(overlaps(r, policy['region']) for r in c['r']):
        raise Verdict('ROUTE_MISMATCH', shown, age)
    raise Verdict('ACCEPTED', shown, age)

def claims_of(typ, claims):
    bad = Verdict('CLAIMS_INVALID')
    c = {}
    sub = claims.get('sub')
    if not isinstance(sub, str) or not re.fullmatch(r'[A-Za-z0-9_-]{1,32}', sub):
        raise bad
    if 'iat' not in claims or 'exp' not in claims:
        raise bad
    c['iat'], c['exp'] = numeric_date(claims['iat']), numeric_date(claims['exp'])
    if c['exp'] <= c['iat']:
        raise bad
    n = claims.get('n')
    if not isinstance(n, str) or not 1 <= code_points(n) <= 16 or '*' not in n or not plain(n):
        raise bad
    d = claims.get('d')
    if not isinstance(d, str) or not re.fullmatch(r'[0-9]{3}[0-9X]', d):
        raise bad
    s = claims.get('s')
    if not isinstance(s, list) or len(s) != 2 or not all(is_int(x) and 0 <= x <= MAX_INT for x in s):
        raise bad
    c['s'] = s
    c['n'], c['d'], c['iss'] = n, d, claims['iss']
    if typ == 'pc':
        if 'c' in claims or 'h' in claims or c['exp'] - c['iat'] > 180 * 86400:
            raise bad
        c['h'] = None
        return c
    c['h'] = holder_key(claims['h']) if 'h' in claims else None
    if typ == 'hc':
        if claims.get('c') not in ('g', 'y', 'r'):
            raise bad
        c['c'] = claims['c']
        if c['exp'] - c['iat'] > 86400:
            raise bad
        return c
    if claims.get('m') not in ('lcp', 'ccp', 'wc', 'fv'):
        raise bad
    r = claims.get('r')
    if not isinstance(r, list) or not 1 <= len(r) <= 8 or not all(is_int(x) and 110000 <= x <= 829999 for x in r):
        raise bad
    e = claims.get('e')
    if not isinstance(e, str) or not re.fullmatch(r'[0-9A-HJ-NPQRTUWXY]{18}', e):
        raise bad
    if 'p' in claims:
        p = claims['p']
        if not isinstance(p, str) or not 1 <= code_points(p) <= 10 or not plain(p):
            raise bad
    elif claims['m'] == 'fv':
        raise bad
    c['nbf'] = numeric_date(claims['nbf']) if 'nbf' in claims else None
    if c['nbf'] is not None and c['nbf'] >= c['exp']:
        raise bad
    c['start'] = c['nbf'] if c['nbf'] is not None else c['iat']
    c.update({'m': claims['m'], 'r': [str(x) for x in r], 'e': e, 'p': claims.get('p')})
    return c

def credential_json(c, typ, issuer):
    shown = {'kind': typ, 'issuer': c['iss'], 'issuer_name': issuer['name'], 'masked_name': c['n'],
             'id_last_four': c['d'], 'expires_at': rfc3339(c['exp'])}
    if typ == 'hc':
        shown['colour'] = c['c']
    elif typ == 'cp':
        shown.update({'model': c['m'], 'route': c['r'], 'employer': c['e'], 'valid_from': rfc3339(c['start'])})
        if c['p'] is not None:
            shown['vehicle_plate'] = c['p']
    shown['holder_proof_checked'] = False
    return shown


def id_check(check, now, policy, trust, lists, pinned):
    """Section 11: the signed answer to an ID-number check, or none."""
    if 'unanswered' in check:
        raise Verdict('ID_CHECK_NEEDS_NETWORK' if check['unanswered'] == 'no_network' else 'ID_CHECK_REFUSED')
    try:
        if len(check['answer']) > 8192:
            raise Malformed('size')
        claims = signed_doc(check['answer'], 'tx-idcheck+jwt', lambda kid, c: [k for j, k in pinned if kid_of(j) == kid])
        if not region(claims.get('iss')) or not is_int(claims.get('iat')) \
                or claims.get('sub') != check['device_id'] or claims.get('nonce') != check['nonce']:
            raise Malformed('answer')
        result = claims.get('result')
        if result not in ('found', 'not_registered', 'partner_unavailable') or ('token' in claims) != (result == 'found'):
            raise Malformed('result')
    except (Malformed, KeyError, TypeError, ValueError):
        raise Verdict('ID_CHECK_ANSWER_INVALID')
    if result == 'not_registered':
        raise Verdict('ID_NOT_REGISTERED')
    if result == 'partner_unavailable':
        raise Verdict('ID_CHECK_PARTNER_UNAVAILABLE')
    if not isinstance(claims['token'], str):
        raise Verdict('ID_CHECK_ANSWER_INVALID')
    verify_token(claims['token'], None, now, policy, trust, lists, looked_up=True)


def hint(verdict, typ_shown, by_id_number):
    """What the officer must check by hand (section 9): only with a verified credential."""
    if verdict.credential is None:
        return None
    if by_id_number:
        return 'COMPARE_ID_PHOTO'
    return 'COMPARE_ID_CARD' if typ_shown == 'pc' else None

def instant(text):
    return datetime.fromisoformat(text.replace('Z', '+00:00'))

def main(path):
    suite = json.load(open(path, encoding='utf-8'))
    pinned = [(j, jwk_key(j)) for j in suite['pinned_trust_keys']['keys']]
    trust = trust_bundle(suite['trust_bundle'], pinned)
    suite_lists = [status_list(t, trust) for t in suite['status_lists']]
    bad = 0
    for case in suite['cases']:
        policy = dict(suite['policy'])
        policy.update(case.get('policy', {}))
        lists = suite_lists
        if 'status_lists' in case:
            lists = []
            for t in case['status_lists']:
                try:
                    lists.append(status_list(t, trust))
                except (Malformed, KeyError, TypeError, ValueError):
                    pass
        now = case.get('now', suite['now'])
        try:
            if 'id_check' in case:
                id_check(case['id_check'], now, policy, trust, lists, pinned)
            else:
                verify(bytes.fromhex(case['input_hex']) if 'input_hex' in case else case['input'], now, policy, trust, lists)
        except Verdict as v:
            got = v
        e = case['expect']
        problems = []
        if got.reason != e['reason']:
            problems.append('reason %s' % got.reason)
        if OUTCOME.get(got.reason, 'STOP') != e['outcome']:
            problems.append('outcome')
        if ('credential' in e) != (got.credential is not None):
            problems.append('credential presence')
        elif got.credential is not None:
            for k in set(e['credential']) | set(got.credential):
                a, b = e['credential'].get(k), got.credential.get(k)
                if k in ('expires_at', 'valid_from') and a and b:
                    if instant(a) != instant(b):
                        problems.append('%s %s != %s' % (k, a, b))
                elif a != b:
                    problems.append('%s %r != %r' % (k, a, b))
        ea, ga = e.get('status_age_seconds'), (None if got.age is None else int(got.age // 1))
        if ea != ga:
            problems.append('age %r != %r' % (ea, ga))
        shown_kind = got.credential['kind'] if got.credential else None
        if e.get('officer_hint') != hint(got, shown_kind, 'id_check' in case):
            problems.append('hint %r' % hint(got, shown_kind, 'id_check' in case))
        if problems:
            bad += 1
            print('DISAGREE', case['name'], e['reason'], problems)
    for case in suite.get('trust_bundle_cases', []):
        try:
            trust_bundle(case['trust_bundle'], pinned)
            ok = True
        except (Malformed, KeyError, TypeError, ValueError):
            ok = False
        if ok != case['expect']['accepted']:
            bad += 1
            print('DISAGREE bundle', case['name'], ok)
    print('%d cases, %d bundle cases, %d disagreements' % (len(suite['cases']), len(suite.get('trust_bundle_cases', [])), bad))

    return bad


if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else 'shared/src/test/resources/vectors/verifier/cases.json'))
