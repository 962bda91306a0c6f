// The leaf keys of tests/data/certs as components, so crypto tests can sign with
// the same keys the certificates carry before the X.509 key loader exists. Printed
// from each key.pem (`openssl pkey -in key.pem -text -noout` shows the same
// numbers); the keys are public test keys, never use them for anything else.
#include "test_keys.h"

#include <algorithm>
#include <cstdlib>

#include "bytes_hex.h"

namespace mk::test {
namespace {

using crypto::Curve;
using crypto::KeyType;
using crypto::PrivateKey;

struct RsaHex {
  unsigned bits;
  const char *n, *e, *p, *q, *dp, *dq, *iq;
};

// ecdsa-p256/key.pem
const char* kP256Private = "425cf790f6159e0ac137160e5a24d849347c4d40b2b77f25ee491d9bd12d7eef";
const char* kP256Public =
    "043b6aae0acbba8ab21200f3abb6c5116bd86704ce50a26bbd71090f4f30640a5e266e8d87464ddaab19cf5e"
    "8c65fdc08209f16273864d412ac1b79d4cdd43df0e";

// ecdsa-p384/key.pem
const char* kP384Private =
    "316f54f0b7747f27451cea9da37c14fda2fbb7d66d1738bba5f50f7d9910e2c2b03a0dc75a12e8ad933e842a"
    "10a18927";
const char* kP384Public =
    "04bd8b6d32dcf31452d6588fbcd63851d512593497d6f430d457088f242711aa4a950e5cc1f072071084ccbc"
    "98d876514397b60215983d0836a737435be50c0ca8a4d0b4e172969fceebd4a8f89c5fcfb6473dccf5508ba8"
    "dce2bf6e4de9a77fdf";

// rsa-2048/key.pem (2048 bits, e = 0x010001)
const RsaHex kRsa2048{
    2048,
    // n
    "bcfc0898af4a45685ba7764858471689ba6ca5560f7ae223df8244bf31e4438931c484aae1c36413711756a7"
    "e3e637f9d855796dbc9e8c4f4633d9cfc88be245cc4db52d78b314af55a8fa2ac55578bec07ac9b70ed41d35"
    "cfe73318c2aaa58db2ba43a813bbff3e7bdab26a2e14b0a04c92219cb58ea6d45a25028219f297d2ce8c318e"
    "80568c447a9a1b96b9d44e984a4475213cd6bab0b5994210e008fce289e6c028b45060e217947692d281d6f4"
    "8646504ed6fd72e124ad75900e18e22676691f450e2d73a2d06799b060cffec9fb943bd4a67383c8f318ada0"
    "f44944a65cd3d4f949d72ed13245b3ecca6e9dbfcdc5ad0fd3c55e69dc5c6dc9045e9721",
    // e
    "010001",
    // p
    "e87a73d00db3086179e0c9219f5dd9f16222a7316b5eee5044189a7c93a13fb44ff4091d26dde5feb1020404"
    "bad926731d46fc18ee3db4fdc06c458a19eabf2af9c20838a4699b0d293521e549049e0bcaa84f53cc38ba00"
    "09d8c0ae875e3727081fe77a3fa9bfa0a35c14a9844d580dddfc8758a185a4d22d97f752aaecdda5",
    // q
    "d01b06260d928a85b4c9a459abe5aeaa1c2c4430ef743f3dfc93ae179b42cfabefbde290b3b5767e765282e9"
    "8ab28002d56c7f52cd7287c467d96c8f6ebc1176e213518f9e018c085b0fbd21b0a767029eaffb0bc87396c9"
    "202dc928d5d21ebddb2c384f95c2dfdd34cdf1c0be70efc2affacf9669ff65a7d67c3572d4d592cd",
    // dp
    "4dd2e84026c5df315a6e80864be64c163d46e2776dbd2ac41df7aa87b7980c4e5d5191577bf25e9303486c75"
    "f4e2cab7507eb9d7d2b13f8c8ec4f0068a2486786981a5e4e84d1e05aadcc98b0b058baee0d9b52c953a0c32"
    "0519d56ed78c17a46e58d7d199cc46850d0abf33fc41340ff857182bf86e57bdb05ba604bb896dad",
    // dq
    "3f40f78d7972a14822bb67891a06a6206e8fc5ea59de2b9adbbac79fc541797df950ee1cad82ea9165c58ea5"
    "0dd353b588c981a9d968867bdc54e9fa6ede1b30d766a7d3cf6308fd4130777c56058bf9efe1ed9c97410b03"
    "f713f3a0c5dd281aed1373ca3ceb0ec05ddc7b2eeab3c92c93f0d8480fcfe146329b6e6388eda1c1",
    // iq
    "35b68ff63799003e5081256913494cf72cfb9b4c8cb751a508ab59a39406d26356bf2a5f23cbb7d99e408e8e"
    "21f4c6d91c4a9c1c895de159eaecb9f1db26279a0908762ee088d6ef6bc8574a586cd9228e0d96512a32a2da"
    "524bbe5f55886d29d343ef45e78bfe2337428648fec3fece2d76c7c2d67316d7249115ebbf6e0f37",
};

// rsa-4096/key.pem (4096 bits, e = 0x010001)
const RsaHex kRsa4096{
    4096,
    // n
    "959bfebbfe1f1aef7781c8eda1fabc5642f28664ef97b693e7fdbbec31a7ec391f650847e4fcb7a138b446c7"
    "2d9cd07ca8ee0805f36a0080b8ec5f6e16111cae393009d547839591158074a8d98ccb0bf5e9fe9368aebdd2"
    "b581c2428084a001dda9eabda6b7c831b9a36b596dd311dbf7b28177a2da712fb92a04160c68cc39776abff8"
    "7d8543eb9e1ff38c980c13b23fdb059af1feb02ef6b96f3c74cfec436438013fbaffb214dd4d56d620b50670"
    "30684eb8caf2d54efe62186b1b94dbf75b2463036032f3c88485dfe7122e15dee949362df219e50799ade716"
    "788afc94b1a8ef95fa0ccd9f0daf62d314ac7e014261170fe26462953a2c3ba63794b75151840714206cdfaa"
    "a0631ba86db27886fcec626a1c37f6ccc4b39d41c228f175fe877d8908de8658cfe901be7dd3fbe068dc4566"
    "244d9cbe72db1b530b0e4a4617e763bfa1b352d7af5b051875c3ef17865bbc1f51825888d8afa9d07b18de52"
    "f51c299ebc3de08762d0e73cf52ebfe09ea71219150439e2f474f8bc950f1208c5756658f88e1af96c9dc557"
    "6af5382ad760a44dcc46e758690c2bdfe1771e84995f718af7a35920b82436c2865a6b7329ea12718729f547"
    "bdb33abc7b93648064b808efeb5ab8cad773464401bc0a9cc54c764f4942f843eee19feae825501833fcf529"
    "8239e696654d95487d9ab4e9c47e6b80f833711099c08d61b059d76d",
    // e
    "010001",
    // p
    "ceb5c784f14bd86e7d52b0d572d3afc932e0eb7aeff0a77cebc6513f6606941fd4fa589f8a005feeeeb4cc03"
    "3421cfd7951d06d0ce184a4e935e6976eff21ccfe3fec382858d6adaa8288e744f23c07059e90c63146c662d"
    "aa7ddc330abda5bdf68c93ac9dfe64e7b9b175d093feab4b527a45a7e57a957fbd1cebbfc1726bc05e148495"
    "0cecc80c71116957d9bd3222736284b331efcbdd79b94cba20521305baab5807226380b3d17f8bad48435fbb"
    "bf5726c6b5da6ad8b0714e66a4339a82deb7027e367bd414c917f57779129dc89c2f4bf76c0b4421fab3603d"
    "3c55b3736304907ee4046d8971e3b420f7b06562ff8fc578fc1bd65e3554445d8bc78bdd",
    // q
    "b9489c922df3930728587b5bbd5dfb81f03a7e367b4d3f3e7a2acd581d2ca8449a2d31492e129104a9c4fb38"
    "b8f7cf61bb1b54ac6a087160c901bce21915328b5766b48c9927af6584eedd90aef99fb4cc9862b4b8ce624a"
    "fc13fece54a20984d6b6641327d1f658b1c779324f16be82698ec606495d04b14f1f3c154014969d52f13f5c"
    "d6cc83780b2223c401a462582627f802631ee07eeec6795ea168e4da1263357363e50eca236b5a52297b8225"
    "7f17eae2bb8bd3c30f03a882ad6283b93dc99a3f452f92a80381de77e18a53997ab363015a59cf269e8328ba"
    "68e43128bbadcc6fda95a3e153d1c557f475dc9314fcd4dc3825e72bdb919787551cc8d1",
    // dp
    "95ad7cf69fbebace6ec2d4b70a798c1d15515651e3b20fa55e187136860b1770e14811aa1c445f32e4f8578d"
    "ae4f196fd2527d5fef0c19aa41fda8426e46936459845d4f82a33f0f6b9a4a649ff59460064ac124716278ae"
    "7278c65cd35735cf92da820809336f1f780faeeec46b30dfceae2908051bb96b10a603730b816dd2928d2adf"
    "bec729a810ab79eb1a086c6813c2efb1cde4046bafbb647a95f2b8417ac49d6e351175dd3f42ab0263841dab"
    "1646e61617123c3201b959faeac54f099a794c3dd5f7de3edaca157d585709977cb8a6ba572ae53ff187b795"
    "3fbe12bde7a2237b2e62a26a56e479c731733246f824c3e9f22bba12e76cc8403079e2a5",
    // dq
    "08c22ff4910b8495c0087ebc55754de05494cf46900994c5c54ca4ac57a4b6c7976a2f7c401b4c93a5dad3ed"
    "58810e62964fb26efc0c2e1fdf209fe7283c624947f668ee8486e5b9acd105d4431135c57c2e6fec0f186279"
    "1cf56d041fe810ff208f3aa7d5280db71fa048506280b6bcbf74aa53bdc011eab7ccc83050f9282d83b037c8"
    "91b6d538257e95a63c55a2f87bc543ea08f97aaf456648727abad4a6a25be238f42dedc70c6994b971908f14"
    "6aaf9cc0df10bb0feb73c6d17694c3994c1c6d9834130da1b798ba057cb9e73dc81916c3079c5b387e21c119"
    "1ec03abaac3489077893be4d7682e20b485911f639f5c1b22f4d4b623d5ce286d9352521",
    // iq
    "5f56502966b9be771fdb44a563b12b25dba67134e0afd68caf3fe72352b519179796b0bf911000bf0a437aee"
    "d6522667884d4e563df52724cb864d877da7359b86f5bdd21b5d5ad2bdd3648dcb63e5fe320bc043dd136b94"
    "ddeb489221aa6ba9dc260cf4561cf5425978908da1373e7885bcfd46679a640e2a13c2a17b995f43260d1e43"
    "3744b3b287865e345f9286fe5734299cc27df271a0576d803ac5eebfcb5fb85938d8c45154f85084e6e70e36"
    "6af47d1c1f5f96aa59fb00bf1774bebe6f1270e90962be8d3e9ca10a279666a957c34de459facf368baf1cb0"
    "17e2f1f731d047c146379e31eae53adca8f264096d22a7d173a141bbcf1be31a9cfdbb5e",
};

// Hex into fixed storage; the embedded values all fit, so a misfit is a bug here.
template <size_t N>
size_t put(const char* hex, uint8_t (&to)[N]) {
  const Bytes b = from_hex(hex);
  if (b.size() > N) std::abort();
  std::copy(b.begin(), b.end(), to);
  return b.size();
}

void load_ec(Curve curve, const char* priv, const char* pub, PrivateKey& out) {
  out.type = KeyType::ec;
  out.curve = curve;
  out.x_len = put(priv, out.x);
  out.pub.type = KeyType::ec;
  out.pub.curve = curve;
  out.pub.point_len = put(pub, out.pub.point);
}

void load_rsa(const RsaHex& k, PrivateKey& out) {
  out.type = KeyType::rsa;
  out.n_bits = k.bits;
  out.p_len = put(k.p, out.p);
  out.q_len = put(k.q, out.q);
  out.dp_len = put(k.dp, out.dp);
  out.dq_len = put(k.dq, out.dq);
  out.iq_len = put(k.iq, out.iq);
  out.pub.type = KeyType::rsa;
  out.pub.n_len = put(k.n, out.pub.n);
  out.pub.e_len = put(k.e, out.pub.e);
}

}  // namespace

void load_test_key(TestKey which, PrivateKey& out) {
  switch (which) {
    case TestKey::ecdsa_p256:
      return load_ec(Curve::p256, kP256Private, kP256Public, out);
    case TestKey::ecdsa_p384:
      return load_ec(Curve::p384, kP384Private, kP384Public, out);
    case TestKey::rsa_2048:
      return load_rsa(kRsa2048, out);
    case TestKey::rsa_4096:
      return load_rsa(kRsa4096, out);
  }
}

const char* test_key_dir(TestKey which) {
  switch (which) {
    case TestKey::ecdsa_p256:
      return "ecdsa-p256";
    case TestKey::ecdsa_p384:
      return "ecdsa-p384";
    case TestKey::rsa_2048:
      return "rsa-2048";
    case TestKey::rsa_4096:
      return "rsa-4096";
  }
  return "";
}

}  // namespace mk::test
