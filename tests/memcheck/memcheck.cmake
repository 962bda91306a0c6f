# The memcheck runs, included from tests/CMakeLists.txt. Each entry names the gtest
# cases it runs under valgrind: both roles, openssl and gnutls peers, TLS 1.3 and 1.2,
# ECDSA and RSA, HelloRetryRequest, mutual TLS, refused chains and a stalled handshake.
set(MEMCHECK_SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/memcheck/run-memcheck.sh)

function(add_memcheck_test name mode program filter)
  add_test(NAME ${name}
           COMMAND ${MEMCHECK_SCRIPT} ${CMAKE_CURRENT_BINARY_DIR}/memcheck/${name} ${mode}
                   ${program} --gtest_filter=${filter})
  set_tests_properties(${name} PROPERTIES TIMEOUT 600 LABELS memcheck)
endfunction()

if(TARGET meerkat_interop_tests)
  # `meerkat serve` under memcheck, with openssl s_client and gnutls-cli.
  set(serve_cases
      "AllSuitesGroupsAndKeys/ServeWithOpensslClient.*/AES_128_GCM_SHA256_x25519_ecdsa_p256"
      "AllSuitesGroupsAndKeys/ServeWithOpensslClient.*/CHACHA20_POLY1305_SHA256_secp256r1_rsa_2048"
      "BothKeyTypes/ServeHelloRetry.*"
      "ServeTls12.Tls12OnlyClientIsServedByDefault"
      "ServeMutualTls.*"
      "KeysAndGroups/GnutlsInterop.GnutlsCliFetchesFromMeerkatServe/*"
      "ServeTimeout.*"
      "ServeLifecycle.SigtermStopsTheServerCleanly")
  list(JOIN serve_cases ":" serve_filter)
  add_memcheck_test(memcheck_interop_serve children $<TARGET_FILE:meerkat_interop_tests>
                    "${serve_filter}")

  # `meerkat get` under memcheck, with openssl s_server and gnutls-serv.
  set(get_cases
      "AllSuitesGroupsAndKeys/GetFromOpensslServer.*/AES_256_GCM_SHA384_secp384r1_ecdsa_p256"
      "AllSuitesGroupsAndKeys/GetFromOpensslServer.*/AES_128_GCM_SHA256_x25519_rsa_2048"
      "BothKeyTypes/GetHelloRetry.*"
      "BothKeyTypes/GetTls12.*"
      "GetMutualTls.RightClientCertificateIsAccepted"
      "GetMutualTls.NoClientCertificateIsRefusedByTheServer"
      "GetChain.MissingIntermediateNotInTheCaFileIsUnknownIssuer"
      "GetChain.ExpiredLeafHasExpired"
      "GetFailures.WrongNameIsANameMismatch"
      "KeysAndGroups/GnutlsInterop.MeerkatGetFetchesFromGnutlsServ/*"
      "GetFromMeerkatServe.PrintsThePage")
  list(JOIN get_cases ":" get_filter)
  add_memcheck_test(memcheck_interop_get children $<TARGET_FILE:meerkat_interop_tests>
                    "${get_filter}")
endif()

if(TARGET meerkat_mongoose_interop_tests)
  # The Mongoose backend runs inside the test program, so the program runs under memcheck.
  set(mongoose_cases
      "Pki/BackendServer.CurlGetsTheResource/*"
      "Pki/BackendServer.OpensslClientLimitedToTls12GetsTheResource/*"
      "BackendServerMutualTls.*"
      "Pki/BackendClient.*"
      "BackendClientMutualTls.*")
  list(JOIN mongoose_cases ":" mongoose_filter)
  add_memcheck_test(memcheck_mongoose_interop self $<TARGET_FILE:meerkat_mongoose_interop_tests>
                    "${mongoose_filter}")
endif()

# Constant-time checks (ctgrind): secrets marked undefined, memcheck counts any branch
# or index on them. The program itself runs under valgrind; it skips without it.
add_executable(meerkat_constant_time_tests memcheck/constant_time_test.cpp)
target_include_directories(meerkat_constant_time_tests PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(meerkat_constant_time_tests PRIVATE meerkat meerkat_test_support
                      GTest::gtest_main ${BEARSSL_LIBRARY})
add_test(NAME memcheck_constant_time
         COMMAND ${VALGRIND_PROGRAM} --tool=memcheck --quiet --track-origins=yes
                 $<TARGET_FILE:meerkat_constant_time_tests>)
set_tests_properties(memcheck_constant_time PROPERTIES TIMEOUT 300 LABELS memcheck)
